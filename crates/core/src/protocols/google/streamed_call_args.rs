//! Function-call arguments Gemini streams as `partialArgs` (`{ jsonPath, stringValue |
//! numberValue | boolValue | nullValue, willContinue }`, with `streamFunctionCallArguments`):
//! the arguments object built up value by value, and the JSON text of it written as it grows,
//! so `tool-input-delta`s are a prefix of the final input — as newer `@ai-sdk/google` versions
//! decode them (the pinned one cannot).
use serde_json::{Map, Value};

#[derive(Clone, Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// `$.a.b[2].c` → `[a, b, 2, c]`; `None` for the root or a path we cannot read.
fn parse_path(path: &str) -> Option<Vec<Segment>> {
    let rest = path.strip_prefix("$.").or_else(|| path.strip_prefix('$'))?;
    let mut segments = Vec::new();
    for piece in rest.split('.').filter(|p| !p.is_empty()) {
        let (key, mut indexes) = match piece.find('[') {
            Some(i) => (&piece[..i], &piece[i..]),
            None => (piece, ""),
        };
        if !key.is_empty() {
            segments.push(Segment::Key(key.to_owned()));
        }
        while let Some(inner) = indexes.strip_prefix('[') {
            let end = inner.find(']')?;
            segments.push(Segment::Index(inner[..end].parse().ok()?));
            indexes = &inner[end + 1..];
        }
    }
    (!segments.is_empty()).then_some(segments)
}

/// An open container of the text: the segment it hangs at, its kind, whether it has members yet.
struct Frame {
    segment: Option<Segment>,
    array: bool,
    has_members: bool,
}

#[derive(Default)]
pub(crate) struct StreamedArgs {
    value: Map<String, Value>,
    /// The JSON text written so far (a prefix of the final one).
    text: String,
    frames: Vec<Frame>,
    /// The path of a string value still being written (its closing quote not yet out).
    open_string: Option<Vec<Segment>>,
}

fn slot<'a>(root: &'a mut Map<String, Value>, path: &[Segment]) -> &'a mut Value {
    let Segment::Key(first) = &path[0] else {
        unreachable!("argument paths start with a key")
    };
    let mut at = root.entry(first.clone()).or_insert(Value::Null);
    for segment in &path[1..] {
        match segment {
            Segment::Key(k) => {
                if !at.is_object() {
                    *at = Value::Object(Map::new());
                }
                at = at
                    .as_object_mut()
                    .unwrap()
                    .entry(k.clone())
                    .or_insert(Value::Null);
            }
            Segment::Index(n) => {
                if !at.is_array() {
                    *at = Value::Array(Vec::new());
                }
                let items = at.as_array_mut().unwrap();
                if items.len() <= *n {
                    items.resize(n + 1, Value::Null);
                }
                at = &mut items[*n];
            }
        }
    }
    at
}

fn key_text(key: &str) -> String {
    format!("{}:", Value::String(key.to_owned()))
}

impl StreamedArgs {
    /// Takes one `partialArgs` entry; returns the text it adds.
    pub(crate) fn push(&mut self, arg: &Value) -> String {
        let Some(path) = arg["jsonPath"].as_str().and_then(parse_path) else {
            return String::new();
        };
        if !matches!(path[0], Segment::Key(_)) {
            return String::new();
        }
        let start = self.text.len();
        if let Some(piece) = arg["stringValue"].as_str() {
            if self.open_string.as_ref() == Some(&path) {
                if let Value::String(s) = slot(&mut self.value, &path) {
                    s.push_str(piece);
                }
                let quoted = Value::String(piece.to_owned()).to_string();
                self.text.push_str(&quoted[1..quoted.len() - 1]);
                return self.text[start..].to_owned();
            }
        }
        let leaf = match (&arg["stringValue"], &arg["numberValue"], &arg["boolValue"]) {
            (s @ Value::String(_), _, _) => s.clone(),
            (_, n @ Value::Number(_), _) => n.clone(),
            (_, _, b @ Value::Bool(_)) => b.clone(),
            _ if arg.get("nullValue").is_some() => Value::Null,
            _ => return String::new(),
        };
        if self.open_string.take().is_some() {
            self.text.push('"');
        }
        if self.frames.is_empty() {
            self.text.push('{');
            self.frames.push(Frame {
                segment: None,
                array: false,
                has_members: false,
            });
        }
        let container = &path[..path.len() - 1];
        // Close what is not on the way to the new value, open what is missing.
        let common = container
            .iter()
            .zip(self.frames.iter().skip(1))
            .take_while(|(s, f)| f.segment.as_ref() == Some(*s))
            .count();
        while self.frames.len() > common + 1 {
            let frame = self.frames.pop().unwrap();
            self.text.push(if frame.array { ']' } else { '}' });
        }
        for (i, segment) in container.iter().enumerate().skip(common) {
            self.member(segment);
            let array = matches!(path[i + 1], Segment::Index(_));
            self.text.push(if array { '[' } else { '{' });
            self.frames.push(Frame {
                segment: Some(segment.clone()),
                array,
                has_members: false,
            });
        }
        self.member(&path[path.len() - 1]);
        let written = leaf.to_string();
        *slot(&mut self.value, &path) = leaf;
        self.text.push_str(&written);
        if written.starts_with('"') && arg["willContinue"] == Value::Bool(true) {
            self.text.pop();
            self.open_string = Some(path);
        }
        self.text[start..].to_owned()
    }

    /// A comma before every member but the first, and the key of an object member.
    fn member(&mut self, segment: &Segment) {
        let frame = self.frames.last_mut().expect("the root frame is open");
        if frame.has_members {
            self.text.push(',');
        }
        frame.has_members = true;
        if let Segment::Key(k) = segment {
            self.text.push_str(&key_text(k));
        }
    }

    /// The whole input, and the text that completes what was written.
    pub(crate) fn finish(self) -> (String, String) {
        let input = Value::Object(self.value).to_string();
        let rest = input.get(self.text.len()..).unwrap_or_default().to_owned();
        (input, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(args: &[Value]) -> (Vec<String>, String) {
        let mut acc = StreamedArgs::default();
        let mut deltas: Vec<String> = args.iter().map(|a| acc.push(a)).collect();
        let (input, rest) = acc.finish();
        deltas.push(rest);
        deltas.retain(|d| !d.is_empty());
        (deltas, input)
    }

    #[test]
    fn a_string_streamed_in_pieces_then_closed() {
        let (deltas, input) = run(&[
            json!({ "jsonPath": "$.location", "stringValue": "Bos", "willContinue": true }),
            json!({ "jsonPath": "$.location", "stringValue": "ton", "willContinue": true }),
            json!({ "jsonPath": "$.location", "stringValue": "" }),
        ]);
        assert_eq!(input, r#"{"location":"Boston"}"#);
        assert_eq!(deltas.concat(), input);
        assert_eq!(deltas[0], r#"{"location":"Bos"#);
    }

    #[test]
    fn nested_objects_and_arrays_open_and_close_in_order() {
        let (deltas, input) = run(&[
            json!({ "jsonPath": "$.recipe.name", "stringValue": "Pie" }),
            json!({ "jsonPath": "$.recipe.ingredients[0].name", "stringValue": "apple" }),
            json!({ "jsonPath": "$.recipe.ingredients[0].qty", "numberValue": 3 }),
            json!({ "jsonPath": "$.recipe.ingredients[1].name", "stringValue": "a \"quoted\" one", "willContinue": true }),
            json!({ "jsonPath": "$.done", "boolValue": true }),
            json!({ "jsonPath": "$.note", "nullValue": null }),
        ]);
        assert_eq!(
            input,
            r#"{"recipe":{"name":"Pie","ingredients":[{"name":"apple","qty":3},{"name":"a \"quoted\" one"}]},"done":true,"note":null}"#
        );
        assert_eq!(deltas.concat(), input, "{deltas:?}");
    }

    #[test]
    fn unreadable_paths_and_valueless_entries_add_nothing() {
        let (deltas, input) = run(&[
            json!({ "jsonPath": "$" , "stringValue": "x" }),
            json!({ "jsonPath": "$.a[x]", "stringValue": "x" }),
            json!({ "jsonPath": "$.b" }),
            json!({ "willContinue": true }),
        ]);
        assert_eq!((deltas, input), (vec!["{}".to_owned()], "{}".to_owned()));
    }
}
