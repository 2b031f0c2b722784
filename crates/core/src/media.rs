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

/// A URL for `image`: URLs and data URLs pass through; base64 becomes a data URL with the given,
/// detected or default (`image/jpeg`) media type.
pub fn data_url(image: &str, media_type: Option<&str>) -> String {
    if image.starts_with("http://") || image.starts_with("https://") || image.starts_with("data:") {
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
}
