//! Reading a part batch ([`StreamHandle::next_batch`](super::StreamHandle::next_batch)) back
//! into whole parts, for Rust hosts and tests; `lib/native-stream.js` does the same in JS.
//!
//! A batch is an all-ASCII JSON array that starts with a whole part. A delta that continues the
//! previous item's run (same type and id, no provider metadata) is written short: as its text
//! (a JSON string), or, for a short ASCII text, as its length — then its characters are the next
//! ones of the batch's text pool, a string that is the array's last item whenever any length is
//! in it. (Slicing texts out of one pool is several times cheaper in V8 than `JSON.parse`
//! making one string per token.)
use serde_json::{Map, Value};

/// Every pooled continuation replaced by its text and the pool removed: `items` as if every
/// continuation had been written as its JSON string.
pub fn unpool(items: &mut Vec<Value>) {
    if !items.iter().any(Value::is_number) {
        return;
    }
    let Some(Value::String(pool)) = items.pop() else {
        return;
    };
    let mut at = 0;
    for item in items.iter_mut() {
        if let Some(len) = item.as_u64() {
            // (The pool is ASCII: characters are bytes.)
            let end = usize::try_from(len).map_or(pool.len(), |n| (at + n).min(pool.len()));
            *item = Value::String(pool[at..end].to_owned());
            at = end;
        }
    }
}

/// The parts of a batch, each continuation made a whole part like the one before it.
pub fn parts_of(batch: &str) -> serde_json::Result<Vec<Value>> {
    let mut items: Vec<Value> = serde_json::from_str(batch)?;
    unpool(&mut items);
    for i in 1..items.len() {
        let Value::String(text) = &items[i] else {
            continue;
        };
        let previous = &items[i - 1];
        let kind = previous["type"].as_str().unwrap_or_default().to_owned();
        let field = if kind == "tool-input-delta" {
            "delta"
        } else {
            "text"
        };
        let mut part = Map::new();
        part.insert("type".into(), Value::String(kind));
        part.insert("id".into(), previous["id"].clone());
        part.insert(field.into(), Value::String(text.clone()));
        items[i] = Value::Object(part);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lengths_take_their_text_from_the_pool_and_strings_stay() {
        let batch = r#"[{"type":"text-delta","id":"0","text":"a"},2,"\u00e9t\u00e9",0,2,{"type":"tool-input-delta","id":"t","delta":"{"},1," b\"c}"]"#;
        assert_eq!(
            parts_of(batch).unwrap(),
            vec![
                json!({ "type": "text-delta", "id": "0", "text": "a" }),
                json!({ "type": "text-delta", "id": "0", "text": " b" }),
                json!({ "type": "text-delta", "id": "0", "text": "été" }),
                json!({ "type": "text-delta", "id": "0", "text": "" }),
                json!({ "type": "text-delta", "id": "0", "text": "\"c" }),
                json!({ "type": "tool-input-delta", "id": "t", "delta": "{" }),
                json!({ "type": "tool-input-delta", "id": "t", "delta": "}" }),
            ]
        );
    }

    #[test]
    fn a_batch_without_lengths_has_no_pool() {
        let mut items = vec![json!({ "type": "start" }), json!("x")];
        unpool(&mut items);
        assert_eq!(items, vec![json!({ "type": "start" }), json!("x")]);
    }
}
