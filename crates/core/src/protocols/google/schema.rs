//! JSON Schema → the OpenAPI 3 subset Gemini accepts for function parameters (the AI SDK's
//! `convertJSONSchemaToOpenAPISchema`).
use crate::error::CallError;
use serde_json::{json, Map, Value};

/// JSON Schema → the OpenAPI subset Gemini accepts (AI SDK `convertJSONSchemaToOpenAPISchema`).
pub fn to_openapi_schema(
    schema: &Value,
    is_root: bool,
    root: &Value,
) -> Result<Option<Value>, CallError> {
    convert_schema(schema, is_root, root, &mut Vec::new())
}

fn is_empty_object_schema(s: &Value) -> bool {
    s["type"] == "object"
        && s.get("properties")
            .and_then(Value::as_object)
            .is_none_or(|p| p.is_empty())
        && !s
            .get("additionalProperties")
            .is_some_and(|a| a.as_bool() != Some(false) && !a.is_null())
}

fn convert_schema(
    schema: &Value,
    is_root: bool,
    root: &Value,
    resolving: &mut Vec<String>,
) -> Result<Option<Value>, CallError> {
    let unsupported = |functionality: String| CallError::UnsupportedFunctionality(functionality);
    match schema {
        Value::Null => return Ok(None),
        Value::Bool(_) => return Ok(Some(json!({ "type": "boolean", "properties": {} }))),
        _ => {}
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        if resolving.iter().any(|r| r == reference) {
            return Err(unsupported(format!(
                "recursive JSON Schema reference {reference}"
            )));
        }
        let target = [("#/$defs/", "$defs"), ("#/definitions/", "definitions")]
            .iter()
            .find_map(|(prefix, key)| {
                reference
                    .strip_prefix(prefix)
                    .and_then(|name| root.get(key)?.get(name))
            })
            .ok_or_else(|| unsupported(format!("JSON Schema reference {reference}")))?;
        let mut merged = target.as_object().cloned().unwrap_or_default();
        for (k, v) in schema
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "$ref")
        {
            merged.insert(k.clone(), v.clone());
        }
        resolving.push(reference.to_owned());
        let out = convert_schema(&Value::Object(merged), is_root, root, resolving);
        resolving.pop();
        return out;
    }
    if is_empty_object_schema(schema) {
        if is_root {
            return Ok(None);
        }
        let mut out = json!({ "type": "object" });
        if let Some(d) = schema
            .get("description")
            .filter(|d| d.as_str().is_some_and(|s| !s.is_empty()))
        {
            out["description"] = d.clone();
        }
        return Ok(Some(out));
    }
    let mut out = Map::new();
    for key in ["description", "required", "format"] {
        if let Some(v) = schema
            .get(key)
            .filter(|v| !v.is_null() && *v != "" && *v != false)
        {
            out.insert(key.into(), v.clone());
        }
    }
    let ty = schema.get("type");
    match ty {
        Some(Value::Array(types)) => {
            let has_null = types.iter().any(|t| t == "null");
            let non_null: Vec<&Value> = types.iter().filter(|t| *t != "null").collect();
            match non_null.as_slice() {
                [] => {
                    out.insert("type".into(), json!("null"));
                }
                [one] => {
                    out.insert("type".into(), (*one).clone());
                    if has_null {
                        out.insert("nullable".into(), json!(true));
                    }
                }
                many => {
                    out.insert(
                        "anyOf".into(),
                        many.iter().map(|t| json!({ "type": t })).collect(),
                    );
                    if has_null {
                        out.insert("nullable".into(), json!(true));
                    }
                }
            }
        }
        Some(t @ Value::String(_)) => {
            out.insert("type".into(), t.clone());
        }
        _ => {}
    }
    let values = schema
        .get("enum")
        .cloned()
        .or_else(|| schema.get("const").map(|c| json!([c])));
    if let Some(Value::Array(values)) = values {
        add_enum(&values, ty, &mut out)?;
    }
    if let Some(Value::Object(props)) = schema.get("properties") {
        let mut converted = Map::new();
        for (k, v) in props {
            converted.insert(
                k.clone(),
                convert_schema(v, false, root, resolving)?.unwrap_or(Value::Null),
            );
        }
        out.insert("properties".into(), Value::Object(converted));
    }
    if let Some(items) = schema.get("items").filter(|i| !i.is_null()) {
        let converted = match items {
            Value::Array(list) => Value::Array(
                list.iter()
                    .map(|i| {
                        convert_schema(i, false, root, resolving).map(|c| c.unwrap_or(Value::Null))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            one => convert_schema(one, false, root, resolving)?.unwrap_or(Value::Null),
        };
        out.insert("items".into(), converted);
    }
    let convert_list =
        |key: &str, list: &[Value], resolving: &mut Vec<String>| -> Result<Value, CallError> {
            let _ = key;
            Ok(Value::Array(
                list.iter()
                    .map(|i| {
                        convert_schema(i, false, root, resolving).map(|c| c.unwrap_or(Value::Null))
                    })
                    .collect::<Result<_, _>>()?,
            ))
        };
    if let Some(Value::Array(all)) = schema.get("allOf") {
        out.insert("allOf".into(), convert_list("allOf", all, resolving)?);
    }
    if let Some(Value::Array(any)) = schema.get("anyOf") {
        let non_null: Vec<Value> = any
            .iter()
            .filter(|s| s["type"] != "null")
            .cloned()
            .collect();
        if non_null.len() < any.len() {
            if let [one] = non_null.as_slice() {
                if let Some(Value::Object(converted)) = convert_schema(one, false, root, resolving)?
                {
                    out.insert("nullable".into(), json!(true));
                    out.extend(converted);
                }
            } else {
                out.insert("anyOf".into(), convert_list("anyOf", &non_null, resolving)?);
                out.insert("nullable".into(), json!(true));
            }
        } else {
            out.insert("anyOf".into(), convert_list("anyOf", any, resolving)?);
        }
    }
    if let Some(Value::Array(one)) = schema.get("oneOf") {
        out.insert("oneOf".into(), convert_list("oneOf", one, resolving)?);
    }
    if let Some(min) = schema.get("minLength") {
        out.insert("minLength".into(), min.clone());
    }
    Ok(Some(Value::Object(out)))
}

fn add_enum(
    values: &[Value],
    ty: Option<&Value>,
    out: &mut Map<String, Value>,
) -> Result<(), CallError> {
    let allows = |t: &str| match ty {
        None => true,
        Some(Value::String(s)) => s == t,
        Some(Value::Array(a)) => a.iter().any(|x| x == t),
        _ => false,
    };
    let nullable = matches!(ty, Some(Value::Array(a)) if a.iter().any(|x| x == "null"))
        || (ty.is_none() && values.iter().any(Value::is_null));
    let enum_values: Vec<&Value> = if nullable {
        values.iter().filter(|v| !v.is_null()).collect()
    } else {
        values.iter().collect()
    };
    if !values.is_empty() && values.iter().all(Value::is_null) && (ty.is_none() || allows("null")) {
        out.insert("type".into(), json!("null"));
        if matches!(ty, Some(Value::Array(_))) {
            out.remove("anyOf");
        }
        return Ok(());
    }
    let enum_type = if enum_values.is_empty() {
        None
    } else if allows("string") && enum_values.iter().all(|v| v.is_string()) {
        Some("string")
    } else if (allows("number") || allows("integer")) && enum_values.iter().all(|v| v.is_number()) {
        if allows("number") {
            Some("number")
        } else if enum_values.iter().all(|v| v.is_i64() || v.is_u64()) {
            Some("integer")
        } else {
            None
        }
    } else if allows("boolean") && enum_values.iter().all(|v| v.is_boolean()) {
        Some("boolean")
    } else {
        None
    };
    let Some(enum_type) = enum_type else {
        return Err(CallError::UnsupportedFunctionality(
            "JSON Schema enum with mixed or unsupported values".into(),
        ));
    };
    out.insert("type".into(), json!(enum_type));
    if matches!(ty, Some(Value::Array(_))) {
        out.remove("anyOf");
    }
    if nullable {
        out.insert("nullable".into(), json!(true));
    }
    if enum_type == "string" {
        out.insert(
            "enum".into(),
            Value::Array(enum_values.into_iter().cloned().collect()),
        );
    } else {
        out.insert("format".into(), json!("enum"));
        out.insert(
            "enum".into(),
            enum_values
                .into_iter()
                .map(|v| {
                    json!(match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                })
                .collect(),
        );
    }
    Ok(())
}
