//! The URL sources of a candidate's `groundingMetadata` (Google Search, URL context, Maps), as
//! `@ai-sdk/google`'s `extractSources` finds them; its stream sends each URL once.
use serde_json::Value;

/// `(url, title)` of each grounding chunk that points at a web page.
pub(crate) fn url_sources(grounding: &Value) -> Vec<(String, Option<String>)> {
    let Some(chunks) = grounding["groundingChunks"].as_array() else {
        return Vec::new();
    };
    let title = |v: &Value| v["title"].as_str().map(str::to_owned);
    chunks
        .iter()
        .filter_map(|chunk| {
            if chunk["web"].is_object() {
                let web = &chunk["web"];
                return Some((web["uri"].as_str()?.to_owned(), title(web)));
            }
            if chunk["image"].is_object() {
                // Attribution goes to the page the image is on, not the image.
                let image = &chunk["image"];
                return Some((image["sourceUri"].as_str()?.to_owned(), title(image)));
            }
            if chunk["retrievedContext"].is_object() {
                let context = &chunk["retrievedContext"];
                let uri = context["uri"].as_str()?;
                let web = uri.starts_with("http://") || uri.starts_with("https://");
                return web.then(|| (uri.to_owned(), title(context)));
            }
            let maps = &chunk["maps"];
            Some((
                maps["uri"].as_str().filter(|u| !u.is_empty())?.to_owned(),
                title(maps),
            ))
        })
        .collect()
}
