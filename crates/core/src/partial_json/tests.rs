use super::*;
use serde_json::{json, Value};

/// Applies edits as the JS side does (without its copy-on-write, which does not change values).
#[derive(Default)]
struct Applied {
    root: Option<Value>,
}

fn slot(root: &mut Value, depth: i64) -> &mut Value {
    // The container at `depth` on the open path: the last element / last-put key at each level.
    let mut at = root;
    for _ in 0..depth {
        at = match at {
            Value::Array(a) => a.last_mut().expect("open path"),
            Value::Object(o) => {
                let key = o
                    .get("\u{0}last")
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                o.get_mut(&key.expect("last key")).expect("open path")
            }
            _ => panic!("not a container"),
        };
    }
    at
}

impl Applied {
    fn apply(&mut self, edits: &str) {
        let list: Vec<Value> = serde_json::from_str(edits).unwrap();
        for e in list {
            let (kind, depth, value) =
                (e[0].as_u64().unwrap(), e[1].as_i64().unwrap(), e[2].clone());
            if depth < 0 {
                match kind {
                    0 | 1 => self.root = Some(value),
                    _ => {
                        let s = self.root.as_mut().unwrap();
                        *s = json!(format!(
                            "{}{}",
                            s.as_str().unwrap(),
                            value.as_str().unwrap()
                        ));
                    }
                }
                continue;
            }
            let container = slot(self.root.as_mut().unwrap(), depth);
            match container {
                Value::Array(a) => match kind {
                    0 => a.push(value),
                    1 => *a.last_mut().unwrap() = value,
                    _ => {
                        let s = a.last_mut().unwrap();
                        *s = json!(format!(
                            "{}{}",
                            s.as_str().unwrap(),
                            value.as_str().unwrap()
                        ));
                    }
                },
                Value::Object(o) => {
                    let key = match kind {
                        0 => e[3].as_str().unwrap().to_owned(),
                        _ => o["\u{0}last"].as_str().unwrap().to_owned(),
                    };
                    let v = match kind {
                        2 => json!(format!(
                            "{}{}",
                            o[&key].as_str().unwrap(),
                            value.as_str().unwrap()
                        )),
                        _ => value,
                    };
                    o.insert(key.clone(), v);
                    o.insert("\u{0}last".into(), json!(key));
                }
                _ => panic!("edit on a scalar"),
            }
        }
    }

    /// The value without the bookkeeping keys.
    fn value(&self) -> Option<Value> {
        fn clean(v: &Value) -> Value {
            match v {
                Value::Object(o) => Value::Object(
                    o.iter()
                        .filter(|(k, _)| *k != "\u{0}last")
                        .map(|(k, v)| (k.clone(), clean(v)))
                        .collect(),
                ),
                Value::Array(a) => Value::Array(a.iter().map(clean).collect()),
                v => v.clone(),
            }
        }
        self.root.as_ref().map(clean).map(|v| norm(&v))
    }
}

/// Numbers as JS has them (one kind), so `12000`, `12000.0` and `1.2e4` compare equal.
fn norm(v: &Value) -> Value {
    match v {
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            if f.fract() == 0.0 && f.abs() < 9e15 {
                json!(f as i64)
            } else {
                json!(f)
            }
        }
        Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), norm(v))).collect()),
        v => v.clone(),
    }
}

/// The values (and completeness) after each delta that changed something.
fn run(deltas: &[&str]) -> Vec<(Value, bool)> {
    let mut p = PartialJson::default();
    let mut a = Applied::default();
    let mut out = Vec::new();
    for d in deltas {
        if let Some(u) = p.push(d) {
            a.apply(&u.edits);
            out.push((a.value().unwrap_or(Value::Null), u.complete));
        }
    }
    out
}

fn chars(text: &str) -> Vec<String> {
    text.chars().map(String::from).collect()
}

fn run_chars(text: &str) -> Vec<(Value, bool)> {
    let c = chars(text);
    run(&c.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn an_object_grows_key_by_key_as_parse_partial_json_sees_it() {
    let got = run(&[r#"{"na"#, r#"me": "Ad"#, r#"a", "age": 3"#, "6", "}"]);
    assert_eq!(
        got,
        vec![
            (json!({}), false),
            (json!({ "name": "Ad" }), false),
            (json!({ "name": "Ada", "age": 3 }), false),
            (json!({ "name": "Ada", "age": 36 }), false),
            (json!({ "name": "Ada", "age": 36 }), true),
        ]
    );
}

#[test]
fn a_delta_that_changes_nothing_gives_no_update() {
    let got = run(&["[1", ",", " ", "2", ".", "0", "]"]);
    assert_eq!(
        got,
        vec![
            (json!([1]), false),
            (json!([1, 2]), false),
            (json!([1, 2]), true)
        ],
        "the comma, the space, `2.` and `2.0` change no value; the bracket completes it"
    );
}

#[test]
fn literals_count_from_their_first_letter_and_numbers_as_they_grow() {
    let got = run_chars(r#"{"a":tr"#);
    assert_eq!(got.last().unwrap().0, json!({ "a": true }));
    let got = run(&["[-", "1", "2e", "3"]);
    assert_eq!(
        got,
        vec![
            (json!([-1]), false),
            (json!([-12]), false),
            (json!([-12000]), false)
        ],
        "a lone '-' (kept by fixJson inside an array) has no value yet; `2e` keeps -12"
    );
}

#[test]
fn escapes_and_non_ascii_text_are_exact_and_edits_stay_ascii() {
    let mut p = PartialJson::default();
    let mut a = Applied::default();
    for d in [r#"{"t":"é\u00"#, r#"e9 \"q\" 😀"#, r#"\n"}"#] {
        if let Some(u) = p.push(d) {
            assert!(u.edits.is_ascii());
            a.apply(&u.edits);
        }
    }
    assert_eq!(a.value(), Some(json!({ "t": "éé \"q\" 😀\n" })));
}

#[test]
fn half_an_escape_waits_and_the_edits_come_with_the_next_delta() {
    let mut p = PartialJson::default();
    assert!(
        p.push(r#"["ab\u00"#).is_none(),
        "`\\u00` cannot be closed yet"
    );
    let u = p.push("41").unwrap();
    let mut a = Applied::default();
    a.apply(&u.edits);
    assert_eq!(a.value(), Some(json!(["abA"])));
}

#[test]
fn text_that_is_not_json_gives_nothing_for_good() {
    let mut p = PartialJson::default();
    assert!(p.push("Sure! Here is").is_none());
    assert!(p.push(r#" {"a": 1}"#).is_none());
    let mut p = PartialJson::default();
    assert!(p.push(r#"{"a": 1} trailing"#).is_some());
    assert!(p.push("}").is_none());
    let mut p = PartialJson::default();
    assert!(p.push("[1").is_some());
    assert!(
        p.push(" 2").is_none(),
        "fixJson keeps `[1 2`, which does not parse"
    );
    assert!(p.failed(), "`[1 2` is no JSON prefix");
}

#[test]
fn prototype_keys_are_refused_as_secure_json_parse_refuses_them() {
    let mut p = PartialJson::default();
    p.push(r#"{"__proto__": {"x": 1}}"#);
    assert!(p.failed());
    let mut p = PartialJson::default();
    p.push(r#"{"constructor": {"prototype": 1}}"#);
    assert!(p.failed());
    let mut p = PartialJson::default();
    assert!(p.push(r#"{"constructor": {"name": 1}}"#).is_some());
    assert!(!p.failed());
}

#[test]
fn a_root_number_is_complete_while_it_may_still_grow() {
    assert_eq!(
        run(&["1", "2", " "]),
        vec![(json!(1), true), (json!(12), true)]
    );
    assert_eq!(
        run(&["1", "x"]),
        vec![(json!(1), true)],
        "`1x` is no longer whole"
    );
}

#[test]
fn a_key_is_seen_only_once_its_value_starts() {
    let got = run_chars(r#"{"key": [{"a": [true, null, "x"]}, 2]}"#);
    let values: Vec<Value> = got.iter().map(|(v, _)| v.clone()).collect();
    assert_eq!(
        values,
        vec![
            json!({}),
            json!({ "key": [] }),
            json!({ "key": [{}] }),
            json!({ "key": [{ "a": [] }] }),
            json!({ "key": [{ "a": [true] }] }),
            json!({ "key": [{ "a": [true, null] }] }),
            json!({ "key": [{ "a": [true, null, ""] }] }),
            json!({ "key": [{ "a": [true, null, "x"] }] }),
            json!({ "key": [{ "a": [true, null, "x"] }, 2] }),
            json!({ "key": [{ "a": [true, null, "x"] }, 2] }),
        ]
    );
    assert!(got.last().unwrap().1);
}

/// Deterministic pseudo-random numbers (xorshift), so a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_value(r: &mut Rng, depth: u32) -> Value {
    match r.below(if depth > 3 { 5 } else { 7 }) {
        0 => json!(null),
        1 => json!(r.below(2) == 0),
        2 => json!((r.below(20000) as f64 - 10000.0) / 8.0),
        3 => json!(r.below(100000)),
        4 => json!(["", "a", "héllo", "quote\"d", "tab\t", "😀x", "\\"][r.below(7) as usize]),
        5 => Value::Array(
            (0..r.below(4))
                .map(|_| random_value(r, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..r.below(4))
                .map(|i| {
                    (
                        format!("k{i}{}", ["", "é", "\""][r.below(3) as usize]),
                        random_value(r, depth + 1),
                    )
                })
                .collect(),
        ),
    }
}

#[test]
fn every_split_of_random_json_ends_with_its_value_and_only_grows() {
    let mut r = Rng(0x9E3779B97F4A7C15);
    for _ in 0..300 {
        let v = random_value(&mut r, 0);
        let text = if r.below(2) == 0 {
            serde_json::to_string_pretty(&v)
        } else {
            serde_json::to_string(&v)
        }
        .unwrap();
        let cs = chars(&text);
        let mut deltas = Vec::new();
        let mut i = 0;
        while i < cs.len() {
            let n = 1 + r.below(6) as usize;
            deltas.push(cs[i..(i + n).min(cs.len())].concat());
            i += n;
        }
        let got = run(&deltas.iter().map(String::as_str).collect::<Vec<_>>());
        let (last, complete) = got.last().cloned().unwrap_or((Value::Null, false));
        assert_eq!(last, norm(&v), "{text}");
        assert!(complete, "{text}");
        for w in got.windows(2) {
            assert!(
                w[0] != w[1] || (!w[0].1 && w[1].1),
                "an update changed nothing: {text}"
            );
        }
    }
}
