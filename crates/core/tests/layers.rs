//! The module layering of the Rust code, checked from the sources:
//!
//! - no import cycle between modules, in any crate of the workspace (a module is a file, or an
//!   inline `mod` block, whose `crate::` / `super::` / `self::` paths are its dependencies);
//! - every top-level module of `llm-native-core` is listed in one layer of the table in
//!   `docs/architecture.md`, and depends only on modules of its own layer or layers above it
//!   (test modules are exempt from the direction rule, not from the cycle rule);
//! - every folder at the top of the repository is described in that document;
//! - the core's dependency tree holds no napi crate.
//!
//! `cargo test -p llm-native-core --test layers` runs it; a failure names the cycle or the edge.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module: its path inside its crate (`protocols::anthropic::stream`) and the file it is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Module {
    path: Vec<String>,
    file: PathBuf,
    /// `#[cfg(test)]` / `tests` modules and `test_support`.
    test: bool,
}

struct Crate {
    modules: Vec<Module>,
    /// Module index → indices of modules it uses.
    edges: BTreeMap<usize, BTreeSet<usize>>,
}

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn is_test_attr(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.meta
                .require_list()
                .is_ok_and(|l| l.tokens.to_string().split_whitespace().any(|t| t == "test"))
    })
}

/// The file of module `path` under `src` (`a/b.rs` or `a/b/mod.rs`; the root is `lib.rs`).
fn module_file(src: &Path, path: &[String]) -> Option<PathBuf> {
    if path.is_empty() {
        return Some(src.join("lib.rs"));
    }
    let joined: PathBuf = path.iter().collect();
    [
        src.join(&joined).with_extension("rs"),
        src.join(&joined).join("mod.rs"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// Collects the modules of one file (the file's own and its inline `mod` blocks) and the paths
/// each refers to.
struct Collector {
    src: PathBuf,
    file: PathBuf,
    stack: Vec<(Vec<String>, bool)>,
    /// (module path, a path as written there)
    refs: Vec<(Vec<String>, Vec<String>)>,
    inline: Vec<Module>,
    /// Out-of-line child modules declared here: (path, test).
    children: Vec<(Vec<String>, bool)>,
}

impl Collector {
    fn current(&self) -> &(Vec<String>, bool) {
        self.stack.last().expect("a module")
    }

    fn reference(&mut self, segments: Vec<String>) {
        let from = self.current().0.clone();
        self.refs.push((from, segments));
    }

    fn use_tree(&mut self, prefix: Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                let mut next = prefix;
                next.push(p.ident.to_string());
                self.use_tree(next, &p.tree);
            }
            syn::UseTree::Name(n) => {
                let mut next = prefix;
                if n.ident != "self" {
                    next.push(n.ident.to_string());
                }
                self.reference(next);
            }
            syn::UseTree::Rename(r) => {
                let mut next = prefix;
                next.push(r.ident.to_string());
                self.reference(next);
            }
            syn::UseTree::Glob(_) => self.reference(prefix),
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix.clone(), t);
                }
            }
        }
    }

    /// `crate :: a :: b` sequences inside macro arguments (`format!(…)`, `json!(…)`).
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        let flat: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < flat.len() {
            match &flat[i] {
                proc_macro2::TokenTree::Group(g) => self.tokens(g.stream()),
                proc_macro2::TokenTree::Ident(id)
                    if ["crate", "super"].contains(&id.to_string().as_str()) =>
                {
                    let mut segs = vec![id.to_string()];
                    let mut j = i + 1;
                    while j + 2 < flat.len() + 1 {
                        let colons = matches!((&flat.get(j), &flat.get(j + 1)),
                            (Some(proc_macro2::TokenTree::Punct(a)), Some(proc_macro2::TokenTree::Punct(b)))
                            if a.as_char() == ':' && b.as_char() == ':');
                        match (colons, flat.get(j + 2)) {
                            (true, Some(proc_macro2::TokenTree::Ident(next))) => {
                                segs.push(next.to_string());
                                j += 3;
                            }
                            _ => break,
                        }
                    }
                    self.reference(segs);
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let (parent, parent_test) = self.current().clone();
        let mut path = parent;
        path.push(m.ident.to_string());
        let test = parent_test || is_test_attr(&m.attrs) || m.ident == "tests";
        match &m.content {
            Some((_, items)) => {
                self.inline.push(Module {
                    path: path.clone(),
                    file: self.file.clone(),
                    test,
                });
                self.stack.push((path, test));
                for item in items {
                    self.visit_item(item);
                }
                self.stack.pop();
            }
            None => self.children.push((path, test)),
        }
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.reference(segs);
        syn::visit::visit_path(self, p);
    }

    /// `pub(super)` / `pub(in path)` say who may see an item, not what it uses.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        self.tokens(m.tokens.clone());
        syn::visit::visit_macro(self, m);
    }
}

/// `segments`, written in module `from`, as an absolute path: `crate::…`, `super::…`, `self::…`,
/// or a path starting with a child module's name (2018 paths). Other paths name other crates or
/// imported names (whose `use` is counted where it is written).
fn absolute(
    from: &[String],
    segments: &[String],
    is_module: impl Fn(&[String]) -> bool,
) -> Option<Vec<String>> {
    let mut out = from.to_vec();
    let mut rest = segments;
    match segments.first()?.as_str() {
        "crate" => {
            out.clear();
            rest = &segments[1..];
        }
        "self" => rest = &segments[1..],
        "super" => {
            while let Some((head, tail)) = rest.split_first() {
                if head != "super" {
                    break;
                }
                out.pop()?;
                rest = tail;
            }
        }
        first => {
            let mut child = from.to_vec();
            child.push(first.to_owned());
            if !is_module(&child) {
                return None;
            }
        }
    }
    out.extend(rest.iter().cloned());
    Some(out)
}

/// Every module of the crate whose root is `src/lib.rs`, and which modules each one uses.
fn load_crate(src: &Path) -> Crate {
    let mut modules = Vec::new();
    let mut refs = Vec::new();
    let mut todo = vec![(Vec::<String>::new(), false)];
    while let Some((path, test)) = todo.pop() {
        let file = module_file(src, &path)
            .unwrap_or_else(|| panic!("no file for module {}", path.join("::")));
        let text = std::fs::read_to_string(&file).unwrap();
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let test = test
            || path
                .last()
                .is_some_and(|l| l == "tests" || l == "test_support");
        let mut c = Collector {
            src: src.to_owned(),
            file: file.clone(),
            stack: vec![(path.clone(), test)],
            refs: Vec::new(),
            inline: Vec::new(),
            children: Vec::new(),
        };
        c.visit_file(&ast);
        let _ = &c.src;
        modules.push(Module { path, file, test });
        modules.extend(c.inline);
        refs.extend(c.refs);
        todo.extend(c.children);
    }
    modules.sort();
    let index = |p: &[String]| modules.iter().position(|m| m.path == p);
    let mut edges: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (from_path, written) in refs {
        let from = index(&from_path).expect("known module");
        let Some(to) = absolute(&from_path, &written, |p| index(p).is_some()) else {
            continue;
        };
        // The longest prefix of the path that is a module: the one it names something in.
        let target = (0..=to.len()).rev().find_map(|n| index(&to[..n]));
        if let Some(t) = target.filter(|&t| t != from) {
            edges.entry(from).or_default().insert(t);
        }
    }
    Crate { modules, edges }
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(c: &Crate) -> Vec<Vec<usize>> {
    struct State<'a> {
        c: &'a Crate,
        index: usize,
        indices: BTreeMap<usize, usize>,
        low: BTreeMap<usize, usize>,
        stack: Vec<usize>,
        on_stack: BTreeSet<usize>,
        out: Vec<Vec<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        s.indices.insert(v, s.index);
        s.low.insert(v, s.index);
        s.index += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        let next: Vec<usize> = s.c.edges.get(&v).into_iter().flatten().copied().collect();
        for w in next {
            if !s.indices.contains_key(&w) {
                visit(s, w);
                let lw = s.low[&w];
                let lv = s.low.get_mut(&v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(&w) {
                let iw = s.indices[&w];
                let lv = s.low.get_mut(&v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[&v] == s.indices[&v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(&w);
                comp.push(w);
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                s.out.push(comp);
            }
        }
    }
    let mut s = State {
        c,
        index: 0,
        indices: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in 0..c.modules.len() {
        if !s.indices.contains_key(&v) {
            visit(&mut s, v);
        }
    }
    s.out
}

fn name(c: &Crate, i: usize) -> String {
    let m = &c.modules[i];
    if m.path.is_empty() {
        "crate".into()
    } else {
        m.path.join("::")
    }
}

/// The crates of the workspace, by their `src` folder.
fn crate_sources() -> Vec<PathBuf> {
    let root = workspace();
    let mut out = vec![root.join("src"), root.join("crates/core/src")];
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.join("lib.rs").is_file() && !out.contains(&src) {
            out.push(src);
        }
    }
    out
}

#[test]
fn no_module_cycles() {
    let mut found = Vec::new();
    for src in crate_sources() {
        let c = load_crate(&src);
        assert!(c.modules.len() > 1, "{}: modules found", src.display());
        for comp in cycles(&c) {
            let names: Vec<String> = comp.iter().map(|&i| name(&c, i)).collect();
            found.push(format!("{}: {}", src.display(), names.join(" ↔ ")));
        }
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

/// The layer table of `docs/architecture.md`: rows `| n. name | `a`, `b/` | job |`, top first.
fn layers() -> Vec<(String, BTreeSet<String>)> {
    let doc = std::fs::read_to_string(workspace().join("docs/architecture.md"))
        .expect("docs/architecture.md");
    let section = doc
        .split("## Layers of llm-native-core")
        .nth(1)
        .expect("a '## Layers of llm-native-core' section");
    let section = section.split("\n## ").next().unwrap();
    let mut out = Vec::new();
    for line in section.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || cells[1].starts_with("---") || cells[1] == "Layer" {
            continue;
        }
        let modules: BTreeSet<String> = cells[2]
            .split('`')
            .skip(1)
            .step_by(2)
            .map(|m| m.trim_end_matches('/').trim_end_matches(".rs").to_owned())
            .collect();
        out.push((cells[1].to_owned(), modules));
    }
    assert!(out.len() >= 5, "the layer table has its rows");
    out
}

#[test]
fn core_layers_depend_one_way_as_documented() {
    let c = load_crate(&workspace().join("crates/core/src"));
    let layers = layers();
    let layer_of = |top: &str| layers.iter().position(|(_, mods)| mods.contains(top));
    let mut problems = Vec::new();
    let tops: BTreeSet<&str> = c
        .modules
        .iter()
        .filter(|m| !m.test)
        .filter_map(|m| m.path.first().map(String::as_str))
        .collect();
    for top in &tops {
        if layer_of(top).is_none() {
            problems.push(format!(
                "module `{top}` is in no layer of docs/architecture.md"
            ));
        }
    }
    for (_, mods) in &layers {
        for m in mods {
            if !tops.contains(m.as_str()) {
                problems.push(format!(
                    "docs/architecture.md lists `{m}`, which is not a module"
                ));
            }
        }
    }
    for (&from, tos) in &c.edges {
        let f = &c.modules[from];
        let Some(ftop) = f.path.first() else { continue };
        if f.test {
            continue;
        }
        for &to in tos {
            let t = &c.modules[to];
            let Some(ttop) = t.path.first() else { continue };
            if let (Some(lf), Some(lt)) = (layer_of(ftop), layer_of(ttop)) {
                if lt > lf {
                    problems.push(format!(
                        "`{}` ({}) uses `{}` ({}), a layer below it",
                        name(&c, from),
                        layers[lf].0,
                        name(&c, to),
                        layers[lt].0
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_top_level_folder_is_described() {
    let doc = std::fs::read_to_string(workspace().join("docs/architecture.md")).unwrap();
    let ignored = ["node_modules", "target", "tmp"];
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(workspace()).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.path().is_dir() || name.starts_with('.') || ignored.contains(&name.as_str()) {
            continue;
        }
        if !doc.contains(&format!("`{name}/`")) {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "folders not described in docs/architecture.md: {missing:?}"
    );
}

/// The core must build for hosts that are not Node: no napi crate anywhere in its dependency tree
/// (normal and build dependencies).
#[test]
fn core_depends_on_no_napi_crate() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "llm-native-core",
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(workspace())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    assert!(tree.lines().count() > 50, "the tree was listed");
    let napi: Vec<&str> = tree.lines().filter(|l| l.starts_with("napi")).collect();
    assert!(napi.is_empty(), "napi crates in the core's tree: {napi:?}");
}

/// The checker itself: a made-up crate with a cycle is caught.
#[test]
fn a_cycle_is_found() {
    let dir = std::env::temp_dir().join(format!("llm-native-layers-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("a")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(dir.join("a/mod.rs"), "pub mod c;\nuse crate::b::X;\n").unwrap();
    std::fs::write(
        dir.join("a/c.rs"),
        "fn f() { let _ = format!(\"{}\", crate::b::Y); }\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.rs"),
        "pub struct X;\npub const Y: u8 = 0;\nuse super::a::c;\n",
    )
    .unwrap();
    let c = load_crate(&dir);
    let found: Vec<Vec<String>> = cycles(&c)
        .into_iter()
        .map(|comp| {
            let mut n: Vec<String> = comp.iter().map(|&i| name(&c, i)).collect();
            n.sort();
            n
        })
        .collect();
    std::fs::remove_dir_all(&dir).unwrap();
    // `a` uses `b` but nothing uses `a`; `a::c` → `b` is seen inside a macro call.
    assert_eq!(found, vec![vec!["a::c", "b"]]);
}
