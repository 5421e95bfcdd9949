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
            if !NOT_CHAPTERS.contains(&page.as_str()) && is_heading(tag) {
                site.headings.insert(format!("{page}#{id}"));
            }
            ids.insert(id.to_owned());
        }
        for (_, href) in attribute_values(&html, "href") {
            site.links.push((page.clone(), href.to_owned()));
        }
        if !NOT_CHAPTERS.contains(&page.as_str()) {
            site.headings.insert(page.clone());
        }
        site.ids.insert(page, ids);
    }
    Ok(site)
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// `(element name, value)` for every `name="value"` attribute in `html`.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
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

/// The keys of `[output.html.redirect]` in book.toml, without leading `/`.
fn redirects(root: &Path) -> Result<BTreeSet<String>> {
    let text = fs::read_to_string(root.join("book.toml"))?;
    let config: toml::Table = text.parse().context("book.toml is not valid TOML")?;
    let table = config
        .get("output")
        .and_then(|o| o.get("html"))
        .and_then(|h| h.get("redirect"))
        .and_then(|r| r.as_table());
    Ok(table
        .into_iter()
        .flat_map(|t| t.keys())
        .map(|k| k.trim_start_matches('/').to_owned())
        .collect())
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
    let redirected = redirects(root)?;
    let manifest = read_manifest(root)?;
    let mut problems = Vec::new();

    for entry in &manifest {
        let page = entry.split('#').next().unwrap_or_default();
        let kept = site.headings.contains(entry)
            || redirected.contains(entry)
            || (entry.contains('#') && redirected.contains(page));
        if !kept {
            problems.push(format!(
                "{entry} is in {MANIFEST} but not in the book: readers' links to it would break; \
                 add a redirect for \"/{entry}\" under [output.html.redirect] in book.toml"
            ));
        }
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
    for (page, href) in &site.links {
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
        {
            problems.push(format!(
                "{page} links to {href}, but {target} has no element with id \"{fragment}\""
            ));
        }
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

    #[test]
    fn attributes_are_found_with_their_element() {
        let html = r##"<h2 id="the-map"><a class="header" href="#the-map">The map</a></h2>"##;
        assert_eq!(attribute_values(html, "id"), vec![("h2", "the-map")]);
        assert_eq!(attribute_values(html, "href"), vec![("a", "#the-map")]);
    }
}
