//! Links that last: the built book keeps every page and heading anchor that
//! `xtask/page-manifest.txt` lists, unless book.toml redirects it, and every
//! link between pages lands on an anchor that exists.
//!
//! mdbook-linkcheck2 catches links to missing files but not to missing
//! `#anchors`; this module checks those in the HTML mdBook wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

const MANIFEST: &str = "xtask/page-manifest.txt";

/// Pages mdBook writes that are not chapters.
const NOT_CHAPTERS: &[&str] = &["print.html", "toc.html", "404.html"];

/// Every page of the built book with the ids of its elements.
struct Site {
    ids: BTreeMap<String, BTreeSet<String>>,
    headings: BTreeSet<String>,
    /// Each chapter page's headings, in order: (id, text).
    heading_texts: BTreeMap<String, Vec<(String, String)>>,
    links: Vec<(String, String)>,
}

fn html_dir(root: &Path) -> PathBuf {
    root.join("book").join("html")
}

fn read_site(root: &Path) -> Result<Site> {
    let dir = html_dir(root);
    if !dir.join("index.html").is_file() {
        bail!(
            "{} has no built book; the book stage builds it",
            dir.display()
        );
    }
    let mut site = Site {
        ids: BTreeMap::new(),
        headings: BTreeSet::new(),
        heading_texts: BTreeMap::new(),
        links: Vec::new(),
    };
    for path in html_files(&dir)? {
        let page = path.strip_prefix(&dir).unwrap().display().to_string();
        let html = fs::read_to_string(&path)?;
        // A redirect stub is not a page of its own.
        if html.contains("http-equiv=\"refresh\"") {
            continue;
        }
        let mut ids = BTreeSet::new();
        for (tag, id) in attribute_values(&html, "id") {
            // Headings, and numbered listings (`#listing-13-2`, from the
            // captions), are what other sites may link.
            if !NOT_CHAPTERS.contains(&page.as_str())
                && (is_heading(tag) || id.starts_with("listing-"))
            {
                site.headings.insert(format!("{page}#{id}"));
            }
            ids.insert(id.to_owned());
        }
        for (_, href) in attribute_values(&html, "href") {
            site.links.push((page.clone(), href.to_owned()));
        }
        if !NOT_CHAPTERS.contains(&page.as_str()) {
            site.headings.insert(page.clone());
            site.heading_texts
                .insert(page.clone(), heading_texts(&html));
        }
        site.ids.insert(page, ids);
    }
    Ok(site)
}

/// The `<hN id="…">` headings of a page, in order, with their text (tags
/// removed, the common entities decoded).
pub(crate) fn heading_texts(html: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        rest = &rest[at + 2..];
        let level = rest.chars().next().unwrap_or_default();
        if !('1'..='6').contains(&level) || !rest[1..].starts_with(" id=\"") {
            continue;
        }
        let id_start = 1 + " id=\"".len();
        let Some(id_len) = rest[id_start..].find('"') else {
            break;
        };
        let id = rest[id_start..id_start + id_len].to_owned();
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let close = format!("</h{level}>");
        let Some(close_at) = rest.find(&close) else {
            break;
        };
        let mut text = String::new();
        let mut in_tag = false;
        for c in rest[open_end + 1..close_at].chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        found.push((id, text.trim().to_owned()));
        rest = &rest[close_at..];
    }
    found
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// `(element name, value)` for every `name="value"` attribute in `html`.
pub(crate) fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let needle = format!(" {name}=\"");
    let mut found = Vec::new();
    let mut offset = 0;
    while let Some(at) = html[offset..].find(&needle) {
        let start = offset + at + needle.len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        let tag_start = html[..offset + at].rfind('<').map_or(0, |i| i + 1);
        let tag = html[tag_start..offset + at]
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or_default();
        found.push((tag, &html[start..start + len]));
        offset = start + len;
    }
    found
}

fn html_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(html_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "html") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// One entry of `[output.html.redirect]` in book.toml.
struct Redirect {
    /// The old address as written (`/ffi.html`, `/ffi.html#old-anchor`).
    from: String,
    /// Where it sends the reader, relative to the old address's directory.
    to: String,
    /// The line of book.toml it is on.
    line: usize,
}

impl Redirect {
    /// The old address relative to the book's root (no leading `/`).
    fn key(&self) -> &str {
        self.from.trim_start_matches('/')
    }
}

/// The entries of `[output.html.redirect]` in book.toml.
fn redirects(root: &Path) -> Result<Vec<Redirect>> {
    let text = fs::read_to_string(root.join("book.toml"))?;
    let config: toml::Table = text.parse().context("book.toml is not valid TOML")?;
    let table = config
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(|h| h.get("redirect"))
        .and_then(|r| r.as_table());
    let section = text
        .lines()
        .position(|l| l.trim() == "[output.html.redirect]")
        .unwrap_or(0);
    let mut found = Vec::new();
    for (from, to) in table.into_iter().flatten() {
        let Some(to) = to.as_str() else {
            bail!("book.toml: the redirect for {from:?} is not a string");
        };
        let quoted = format!("\"{from}\"");
        let line = text
            .lines()
            .enumerate()
            .skip(section)
            .find(|(_, l)| l.trim_start().starts_with(&quoted) || l.trim_start().starts_with(from))
            .map_or(section + 1, |(i, _)| i + 1);
        found.push(Redirect {
            from: from.clone(),
            to: to.to_owned(),
            line,
        });
    }
    Ok(found)
}

/// What is wrong with each redirect: one whose target page or anchor the
/// built book lacks, or one that mdBook ignores.
fn redirect_problems(site: &Site, redirects: &[Redirect]) -> Vec<String> {
    let mut problems = Vec::new();
    for redirect in redirects {
        let place = format!(
            "book.toml:{}: the redirect \"{}\" = \"{}\"",
            redirect.line, redirect.from, redirect.to
        );
        let (page, fragment) = match redirect.key().split_once('#') {
            Some((page, fragment)) => (page, Some(fragment)),
            None => (redirect.key(), None),
        };
        // mdBook writes a stub only where no page is, and maps the old
        // anchors of a page that still exists only when written with `/`.
        match fragment {
            None if site.ids.contains_key(page) => {
                problems.push(format!(
                    "{place} is ignored: {page} is still a page of the book"
                ));
                continue;
            }
            Some(_) if site.ids.contains_key(page) && !redirect.from.starts_with('/') => problems
                .push(format!(
                    "{place} is ignored: mdBook maps the old anchors of an existing page only \
                     when the address starts with `/` (\"/{}\")",
                    redirect.key()
                )),
            _ => {}
        }
        if redirect.to.contains("://") {
            continue;
        }
        let Some((target, target_fragment)) = internal_target(page, &redirect.to) else {
            problems.push(format!("{place} does not lead to a page of the book"));
            continue;
        };
        match (site.ids.get(&target), target_fragment) {
            (None, _) => problems.push(format!(
                "{place} leads to {target}, which is not a page of the built book"
            )),
            (Some(ids), Some(id)) if !ids.contains(&id) => problems.push(format!(
                "{place} leads to {target}, which has no element with id \"{id}\""
            )),
            _ => {}
        }
    }
    problems
}

fn read_manifest(root: &Path) -> Result<BTreeSet<String>> {
    let text = fs::read_to_string(root.join(MANIFEST)).unwrap_or_default();
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}

/// The `urls` stage.
pub fn check(root: &Path) -> Result<()> {
    let site = read_site(root)?;
    let redirects = redirects(root)?;
    let redirected: BTreeSet<&str> = redirects.iter().map(Redirect::key).collect();
    let manifest = read_manifest(root)?;
    let mut problems = redirect_problems(&site, &redirects);

    for entry in &manifest {
        let page = entry.split('#').next().unwrap_or_default();
        if site.headings.contains(entry) || redirected.contains(entry.as_str()) {
            continue;
        }
        // An anchor of a moved page without a redirect of its own: the
        // page's redirect keeps the fragment (replacing any it names), so
        // it must exist there.
        if let Some((_, fragment)) = entry.split_once('#')
            && let Some(redirect) = redirects.iter().find(|r| r.key() == page)
        {
            if let Some((target, _)) = internal_target(page, &redirect.to)
                && site
                    .ids
                    .get(&target)
                    .is_some_and(|ids| !ids.contains(fragment))
            {
                problems.push(format!(
                    "book.toml:{}: {entry} (in {MANIFEST}) now leads, through the redirect \
                     \"{}\" = \"{}\", to {target}#{fragment}, which does not exist; add \
                     \"/{entry}\" = \"{target}#NEW-ID\" under [output.html.redirect]",
                    redirect.line, redirect.from, redirect.to
                ));
            }
            continue;
        }
        problems.push(missing_entry(root, &site, &manifest, entry));
    }
    let new: Vec<_> = site.headings.difference(&manifest).collect();
    if !new.is_empty() {
        problems.push(format!(
            "{} page(s) or heading anchor(s) are not yet in {MANIFEST} (run `cargo xtask urls --update` \
             to record them): {}",
            new.len(),
            new.iter().take(10).map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }

    let mut checked = 0;
    // print.html repeats every chapter: report its links only when no
    // chapter has the same broken one.
    let mut broken_fragments = BTreeSet::new();
    let (print, chapters): (Vec<_>, Vec<_>) = site
        .links
        .iter()
        .partition(|(page, _)| page == "print.html");
    for (page, href) in chapters.into_iter().chain(print) {
        let Some((target, fragment)) = internal_target(page, href) else {
            continue;
        };
        checked += 1;
        let Some(ids) = site.ids.get(&target) else {
            // A missing file is mdbook-linkcheck2's to report.
            continue;
        };
        if let Some(fragment) = fragment
            && !ids.contains(&fragment)
            && (page != "print.html" || !broken_fragments.contains(&fragment))
        {
            let places = links_in_sources(root, page, &target, &fragment);
            let place = if places.is_empty() {
                format!("{page} (no chapter source line found)")
            } else {
                places.join(", ")
            };
            problems.push(format!(
                "{place}: links to {href} (on {page}), but {target} has no element with id \
                 \"{fragment}\"; fix the link, or the heading it meant"
            ));
            broken_fragments.insert(fragment);
        }
    }
    if checked == 0 {
        problems.push(format!(
            "no link between pages found in {}: the check above read nothing",
            html_dir(root).display()
        ));
    }
    eprintln!(
        "{} manifest entries, {} pages and anchors built, {checked} internal links checked",
        manifest.len(),
        site.headings.len()
    );
    if problems.is_empty() {
        Ok(())
    } else {
        bail!("{}", problems.join("\n"))
    }
}

/// The chapter source of a built page: `ffi.html` is `src/ffi.md`, and
/// `index.html` the first chapter of SUMMARY.md. Relative to the root.
fn chapter_source(root: &Path, page: &str) -> Option<String> {
    let source = if page == "index.html" {
        let summary = fs::read_to_string(root.join("src/SUMMARY.md")).ok()?;
        let start = summary.find("](")? + 2;
        let end = start + summary[start..].find(')')?;
        summary[start..end].trim_start_matches("./").to_owned()
    } else {
        format!("{}.md", page.strip_suffix(".html")?)
    };
    root.join("src")
        .join(&source)
        .is_file()
        .then(|| format!("src/{source}"))
}

/// The heading lines of a markdown text, outside code fences, as
/// (1-based line, text without the `#`s).
fn source_headings(text: &str) -> Vec<(usize, String)> {
    let mut in_fence = false;
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&hashes) && trimmed[hashes..].starts_with(' ') {
            found.push((i + 1, trimmed[hashes..].trim().to_owned()));
        }
    }
    found
}

/// A heading's text reduced to what identifies it, markup aside.
pub(crate) fn letters(text: &str) -> String {
    // A heading's own `{#id}` is not part of its text.
    let text = match text.rfind("{#") {
        Some(at) if text.trim_end().ends_with('}') => &text[..at],
        _ => text,
    };
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The failure for a manifest entry the built book lacks, pointing at the
/// chapter it belonged to: the headings there whose ids are new (the likely
/// renamed one), and the lines of the chapters that link to the old anchor.
fn missing_entry(root: &Path, site: &Site, manifest: &BTreeSet<String>, entry: &str) -> String {
    let redirect_hint =
        format!("add a redirect for \"/{entry}\" under [output.html.redirect] in book.toml");
    let Some((page, fragment)) = entry.split_once('#') else {
        return format!(
            "{entry} is in {MANIFEST} but not in the book: readers' links to it would break; \
             {redirect_hint}"
        );
    };
    let mut lines = Vec::new();
    let source = chapter_source(root, page);
    if let (Some(source), Some(built)) = (&source, site.heading_texts.get(page)) {
        let text = fs::read_to_string(root.join(source)).unwrap_or_default();
        let headings = source_headings(&text);
        for (id, heading) in built {
            if manifest.contains(&format!("{page}#{id}")) {
                continue;
            }
            let at = headings
                .iter()
                .find(|(_, h)| letters(h) == letters(heading))
                .map_or(source.clone(), |(line, _)| format!("{source}:{line}"));
            lines.push(format!(
                "{at}: the heading \"{heading}\" now makes #{id}; if it is the renamed one, \
                 keep the old id with `{{#{fragment}}}` after its text, or redirect \
                 \"/{entry}\" = \"{page}#{id}\" in book.toml"
            ));
        }
    }
    let head = match &source {
        Some(source) => format!(
            "{source}: the heading anchor {entry} (listed in {MANIFEST}) is gone: readers' \
             links to it would break"
        ),
        None => format!("{entry} is in {MANIFEST} but not in the book"),
    };
    if lines.is_empty() {
        lines.push(format!(
            "no heading of {} makes a new id; {redirect_hint}",
            source.as_deref().unwrap_or(page)
        ));
    }
    for place in links_in_sources(root, page, page, fragment) {
        lines.push(format!("{place}: links to #{fragment}"));
    }
    format!("{head}\n    {}", lines.join("\n    "))
}

/// The lines of the chapter sources under `src/` that link to `#fragment`
/// of `target`: `target.md#fragment` or `target.html#fragment` anywhere, or
/// `(#fragment` in the source of `page` itself.
fn links_in_sources(root: &Path, page: &str, target: &str, fragment: &str) -> Vec<String> {
    let stem = target.strip_suffix(".html").unwrap_or(target);
    let needles = [
        format!("{stem}.md#{fragment}"),
        format!("{stem}.html#{fragment}"),
    ];
    let own = chapter_source(root, page);
    let mut found = Vec::new();
    let mut files = markdown_files(&root.join("src"));
    files.sort();
    for file in files {
        let name = format!(
            "src/{}",
            file.strip_prefix(root.join("src")).unwrap().display()
        );
        let text = fs::read_to_string(&file).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            let local = own.as_deref() == Some(name.as_str())
                && (line.contains(&format!("(#{fragment})"))
                    || line.contains(&format!("(#{fragment} ")));
            let linked = needles.iter().any(|n| {
                line.match_indices(n.as_str()).any(|(at, _)| {
                    // The whole anchor, not a prefix of a longer one.
                    !line[at + n.len()..]
                        .starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
                        && (at == 0
                            || !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '-'))
                })
            });
            if local || linked {
                found.push(format!("{name}:{}", i + 1));
            }
        }
    }
    found
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

/// For a link on `page`, the page it points at (relative to the book's
/// root) and its fragment; `None` for links that leave the book.
fn internal_target(page: &str, href: &str) -> Option<(String, Option<String>)> {
    if href.contains("://") || href.starts_with("mailto:") || href.starts_with("javascript:") {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_owned())),
        None => (href, None),
    };
    let target = if path.is_empty() {
        page.to_owned()
    } else {
        let base = Path::new(page).parent().unwrap_or(Path::new(""));
        let mut parts: Vec<String> = Vec::new();
        for part in base.join(path).components() {
            match part {
                std::path::Component::ParentDir => {
                    parts.pop();
                }
                std::path::Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
                _ => {}
            }
        }
        parts.join("/")
    };
    if !target.ends_with(".html") {
        return None;
    }
    Some((target, fragment.filter(|f| !f.is_empty())))
}

/// `cargo xtask urls --update`: records the built book's pages and heading
/// anchors in the manifest. Entries for removed pages stay, so the check can
/// ask for their redirects.
pub fn update(root: &Path) -> Result<()> {
    let site = read_site(root)?;
    let mut manifest = read_manifest(root)?;
    let before = manifest.len();
    manifest.extend(site.headings);
    let mut text = String::from(
        "# Every page and heading anchor of the published book. Links from elsewhere point here,\n\
         # so `cargo xtask test` fails when one disappears without a redirect in book.toml.\n\
         # Add new entries with `cargo xtask urls --update`; never delete one.\n",
    );
    for entry in &manifest {
        text.push_str(entry);
        text.push('\n');
    }
    fs::write(root.join(MANIFEST), text)?;
    eprintln!(
        "{MANIFEST}: {} entries ({} new)",
        manifest.len(),
        manifest.len() - before
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_page() {
        let cases = [
            ("a.html", "b.html#x", Some(("b.html", Some("x")))),
            ("a.html", "#top", Some(("a.html", Some("top")))),
            ("dir/a.html", "../b.html", Some(("b.html", None))),
            ("a.html", "https://example.com/b.html#x", None),
            ("a.html", "theme/pairs.css", None),
        ];
        for (page, href, want) in cases {
            let want = want.map(|(t, f)| (t.to_owned(), f.map(str::to_owned)));
            assert_eq!(internal_target(page, href), want, "{page} -> {href}");
        }
    }

    fn site(pages: &[(&str, &[&str])]) -> Site {
        Site {
            ids: pages
                .iter()
                .map(|(p, ids)| (p.to_string(), ids.iter().map(|i| i.to_string()).collect()))
                .collect(),
            headings: BTreeSet::new(),
            heading_texts: BTreeMap::new(),
            links: Vec::new(),
        }
    }

    #[test]
    fn redirects_must_lead_to_a_page_and_anchor_of_the_book() {
        let site = site(&[("ffi.html", &["calling-c"]), ("index.html", &[])]);
        let redirect = |from: &str, to: &str| Redirect {
            from: from.into(),
            to: to.into(),
            line: 7,
        };
        let cases = [
            (redirect("/old.html", "ffi.html"), None),
            (redirect("/old.html", "ffi.html#calling-c"), None),
            (redirect("/old.html", "https://example.com/x"), None),
            (redirect("/ffi.html#old", "ffi.html#calling-c"), None),
            (
                redirect("/old.html", "nowhere.html"),
                Some(
                    "book.toml:7: the redirect \"/old.html\" = \"nowhere.html\" leads to nowhere.html, which is not a page",
                ),
            ),
            (
                redirect("/old.html", "ffi.html#gone"),
                Some("which has no element with id \"gone\""),
            ),
            (
                redirect("ffi.html", "index.html"),
                Some("is ignored: ffi.html is still a page"),
            ),
            (
                redirect("ffi.html#old", "ffi.html#calling-c"),
                Some("only when the address starts with `/`"),
            ),
        ];
        for (redirect, want) in cases {
            let problems = redirect_problems(&site, std::slice::from_ref(&redirect));
            match want {
                None => assert!(problems.is_empty(), "{}: {problems:?}", redirect.from),
                Some(want) => assert!(
                    problems.len() == 1 && problems[0].contains(want),
                    "{} = {}: {problems:?}",
                    redirect.from,
                    redirect.to
                ),
            }
        }
    }

    #[test]
    fn headings_are_read_with_their_text_and_source_line() {
        let html = r##"<h1 id="ffi"><a class="header" href="#ffi">FFI</a></h1>
<p>x</p><h2 id="calling-c-from-rust"><a class="header" href="#calling-c-from-rust">Calling <code>C</code> &amp; Rust</a></h2>"##;
        assert_eq!(
            heading_texts(html),
            vec![
                ("ffi".to_owned(), "FFI".to_owned()),
                (
                    "calling-c-from-rust".to_owned(),
                    "Calling C & Rust".to_owned()
                )
            ]
        );
        let source = "# FFI\n\n```rust\n# hidden\n```\n\n## Calling `C` & Rust {#x}\n";
        let headings = source_headings(source);
        assert_eq!(headings.len(), 2, "{headings:?}");
        assert_eq!(headings[1].0, 7);
        assert_eq!(letters(&headings[1].1), letters("Calling C & Rust"));
    }

    #[test]
    fn a_renamed_heading_is_reported_at_its_chapter_line() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("src")).unwrap();
        fs::write(root.join("src/SUMMARY.md"), "- [FFI](ffi.md)\n").unwrap();
        fs::write(
            root.join("src/ffi.md"),
            "# FFI\n\nSee [below](#calling-c).\n\n## Calling C from Rust\n",
        )
        .unwrap();
        fs::write(root.join("src/other.md"), "Read [it](ffi.md#calling-c).\n").unwrap();
        let mut site = site(&[("ffi.html", &["ffi", "calling-c-from-rust"])]);
        site.heading_texts.insert(
            "ffi.html".into(),
            vec![
                ("ffi".into(), "FFI".into()),
                ("calling-c-from-rust".into(), "Calling C from Rust".into()),
            ],
        );
        let manifest: BTreeSet<String> = ["ffi.html", "ffi.html#ffi", "ffi.html#calling-c"]
            .map(str::to_owned)
            .into();
        let message = missing_entry(root, &site, &manifest, "ffi.html#calling-c");
        assert!(
            message.starts_with("src/ffi.md: the heading anchor ffi.html#calling-c")
                && message.contains("src/ffi.md:5: the heading \"Calling C from Rust\" now makes #calling-c-from-rust")
                && message.contains("src/ffi.md:3: links to #calling-c")
                && message.contains("src/other.md:1: links to #calling-c"),
            "{message}"
        );
    }

    #[test]
    fn attributes_are_found_with_their_element() {
        let html = r##"<h2 id="the-map"><a class="header" href="#the-map">The map</a></h2>"##;
        assert_eq!(attribute_values(html, "id"), vec![("h2", "the-map")]);
        assert_eq!(attribute_values(html, "href"), vec![("a", "#the-map")]);
    }
}
