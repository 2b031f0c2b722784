//! Media helpers for image/file prompt parts.

/// The media type of base64 image data, from its leading bytes (as the AI SDK detects it).
pub fn detect_image_media_type(base64: &str) -> Option<&'static str> {
    const SIGNATURES: &[(&str, &str)] = &[
        ("iVBORw", "image/png"),
        ("/9j/", "image/jpeg"),
        ("R0lGOD", "image/gif"),
        ("UklGR", "image/webp"),
        ("Qk", "image/bmp"),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| base64.starts_with(sig))
        .map(|(_, t)| *t)
}

/// An `http(s)://` URL (what providers fetch themselves), not inline data.
pub fn is_http_url(data: &str) -> bool {
    data.starts_with("http://") || data.starts_with("https://")
}

/// An `image` part's data and media type as ai@5's prompt conversion leaves them: a base64 data
/// URL split into its data and type, and the type sniffed from the bytes winning over the one
/// given (a PNG sent as `image/webp` goes as `image/png`).
pub fn sniffed_image<'a>(
    image: &'a str,
    media_type: Option<&'a str>,
) -> (&'a str, Option<&'a str>) {
    if is_http_url(image) {
        return (image, media_type);
    }
    let (data, given) = match image
        .strip_prefix("data:")
        .and_then(|rest| rest.split_once(','))
    {
        Some((header, data)) if header.ends_with(";base64") => (
            data,
            Some(header.trim_end_matches(";base64")).filter(|m| !m.is_empty()),
        ),
        _ => (image, media_type),
    };
    (data, detect_image_media_type(data).or(given))
}

/// A URL for `image`: URLs and data URLs pass through; base64 becomes a data URL with the given,
/// detected or default (`image/jpeg`) media type.
pub fn data_url(image: &str, media_type: Option<&str>) -> String {
    if is_http_url(image) || image.starts_with("data:") {
        return image.to_owned();
    }
    let media_type = media_type
        .or_else(|| detect_image_media_type(image))
        .unwrap_or("image/jpeg");
    format!("data:{media_type};base64,{image}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pass_and_base64_gets_a_media_type() {
        assert_eq!(data_url("https://x/y.png", None), "https://x/y.png");
        assert_eq!(
            data_url("iVBORw0KGgo", None),
            "data:image/png;base64,iVBORw0KGgo"
        );
        assert_eq!(
            data_url("AAAA", Some("image/webp")),
            "data:image/webp;base64,AAAA"
        );
        assert_eq!(data_url("AAAA", None), "data:image/jpeg;base64,AAAA");
    }

    #[test]
    fn sniffed_bytes_win_over_the_given_media_type() {
        let png = "iVBORw0KGgo";
        assert_eq!(
            sniffed_image(png, Some("image/webp")),
            (png, Some("image/png"))
        );
        let data_url = format!("data:image/webp;base64,{png}");
        assert_eq!(sniffed_image(&data_url, None), (png, Some("image/png")));
        assert_eq!(
            sniffed_image("data:image/webp;base64,AAAA", None),
            ("AAAA", Some("image/webp"))
        );
        assert_eq!(
            sniffed_image("https://x/y", Some("image/gif")),
            ("https://x/y", Some("image/gif"))
        );
    }
}
