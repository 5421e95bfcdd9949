// Run by the browser stage (xtask/src/browser.rs, `fit`) as the body of a
// function, after `wrapBelow` (px) and `sidebar` (whether it should be
// open) are declared. Returns { pairs, problems }: each problem says what
// is wrong, and for a line of a listing, the line and the caption's files.
const problems = [];
const root = document.documentElement;
const width = window.innerWidth;
const px = (n) => Math.round(n) + " px";

// The heading a node comes after, to say where on the page it is.
const under = (node) => {
    let e = node;
    while (e) {
        let p = e.previousElementSibling;
        while (p) {
            if (/^H[1-6]$/.test(p.tagName) && p.id) {
                return " (under #" + p.id + ")";
            }
            p = p.previousElementSibling;
        }
        e = e.parentElement;
        if (e && e.tagName === "MAIN") {
            break;
        }
    }
    return "";
};

// A line's width in columns (a tab is four, as pairs.js counts it), and
// the widest visible line of a block (hidden lines left out).
const columns = (line) => line.replace(/\t/g, "    ").length;
const wider = (a, b) => (columns(b) > columns(a) ? b : a);
const longest = (code) => {
    const copy = code.cloneNode(true);
    copy.querySelectorAll(".boring").forEach((b) => b.remove());
    return copy.textContent.split("\n").reduce(wider, "");
};

if (root.classList.contains("sidebar-visible") !== sidebar) {
    problems.push({ what: "the sidebar is " + (sidebar ? "closed" : "open") + ", not as asked" });
}
const scroller = document.scrollingElement;
if (scroller.scrollWidth > scroller.clientWidth + 1) {
    problems.push({
        what: "the page scrolls sideways (" + px(scroller.scrollWidth) + " wide in " +
            px(scroller.clientWidth) + ")",
    });
}

// What a pair may not cover: the open sidebar and the chapter arrows.
const obstacles = [];
const sidebarBox = document.getElementById("mdbook-sidebar");
if (root.classList.contains("sidebar-visible") && getComputedStyle(sidebarBox).display !== "none") {
    obstacles.push(["the sidebar", sidebarBox.getBoundingClientRect()]);
}
document.querySelectorAll(".nav-wide-wrapper .nav-chapters").forEach((arrow) => {
    const r = arrow.getBoundingClientRect();
    if (r.width > 0 && getComputedStyle(arrow.parentElement).display !== "none") {
        obstacles.push(["a chapter arrow", r]);
    }
});

const pairs = [...document.querySelectorAll(".pair")];
pairs.forEach((pair, i) => {
    const name = "pair " + (i + 1) + under(pair);
    const files = [...pair.querySelectorAll(".listing-caption code")]
        .map((c) => c.textContent)
        .filter((t) => t.startsWith("listings/"));
    const box = pair.getBoundingClientRect();
    if (box.left < -0.5 || box.right > root.clientWidth + 0.5) {
        problems.push({ what: name + " reaches past the window (" + px(box.left) + " to " + px(box.right) + ")" });
    }
    obstacles.forEach(([what, r]) => {
        if (box.left < r.right - 0.5 && box.right > r.left + 0.5) {
            problems.push({ what: name + " runs under " + what });
        }
    });
    if (width >= wrapBelow && pair.classList.contains("pair-wrapped")) {
        const line = [...pair.querySelectorAll("pre > code")].map(longest).reduce(wider, "");
        problems.push({
            what: name + " wraps its lines: its " + columns(line) +
                "-column line does not fit even with the block alone",
            line,
            files,
        });
    }
    const shown = [...pair.querySelectorAll(".pair-column")].filter(
        (c) => getComputedStyle(c).display !== "none",
    );
    if (shown.length === 2) {
        const sideBySide = Math.abs(shown[0].getBoundingClientRect().top - shown[1].getBoundingClientRect().top) < 1;
        const pressed = pair.querySelector(".pair-switch button[aria-pressed='true']");
        const says = pressed ? pressed.textContent : "(nothing pressed)";
        if ((says === "Side by side") !== sideBySide) {
            problems.push({
                what: name + " shows its languages " + (sideBySide ? "side by side" : "stacked") +
                    " while its switch says " + JSON.stringify(says),
            });
        }
    }
    shown.forEach((column) => {
        const code = column.querySelector("pre > code");
        if (!code || code.scrollWidth <= code.clientWidth + 1) {
            return;
        }
        const line = longest(code);
        const lang = column.classList.contains("go") ? "Go" : "Rust";
        problems.push({
            what: "a " + columns(line) + "-column line scrolls sideways in the " + lang +
                " block of " + name + " (scrollWidth " + code.scrollWidth + " > clientWidth " +
                code.clientWidth + ")",
            line,
            files,
        });
    });
});

// Every Go and Rust block starts at the margin: an excerpt of a method or
// of `mod tests` is shown without the indentation it has in its file
// (book.toml's listing-dedent). Checked in the phone's window only, as it
// is the same in every window.
(width < wrapBelow ? [...document.querySelectorAll("main pre > code.language-rust, main pre > code.language-go")] : []).forEach((code, i) => {
    const copy = code.cloneNode(true);
    copy.querySelectorAll(".boring").forEach((b) => b.remove());
    const lines = copy.textContent.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) {
        return;
    }
    const indent = Math.min(...lines.map((l) => l.length - l.replace(/^[ \t]+/, "").length));
    if (indent > 0) {
        const pair = code.closest(".pair");
        const files = pair || code.closest("pre").nextElementSibling;
        problems.push({
            what: "code block " + (i + 1) + under(code.closest(".pair") || code.closest("pre")) +
                " is indented by " + indent + " on every line",
            line: lines[0],
            files: files ? [...files.querySelectorAll(".listing-caption code, code")]
                .map((c) => c.textContent).filter((t) => t.startsWith("listings/")) : [],
        });
    }
});

// A block that must not compile says so where the reader sees it.
(width < wrapBelow ? [...document.querySelectorAll("main pre > code.compile_fail")] : []).forEach((code, i) => {
    let caption = code.closest("pre").nextElementSibling;
    while (caption && !caption.classList.contains("listing-caption") && caption.tagName !== "PRE") {
        caption = caption.nextElementSibling;
    }
    const mark = caption && caption.classList.contains("listing-caption")
        ? caption.querySelector(".does-not-compile") : null;
    if (!mark || mark.getBoundingClientRect().height === 0 || !/does not compile/.test(mark.textContent)) {
        problems.push({ what: "compile-fail block " + (i + 1) + under(code.closest("pre")) + " has no visible \"does not compile\" mark" });
    }
});

// Tables fit their box (theme/tables.js reflows one that would not, so no
// column is out of sight); charts fit the prose column.
const main = document.querySelector("main");
document.querySelectorAll("main table").forEach((table, i) => {
    const name = "table " + (i + 1) + under(table.closest(".table-wrapper") || table);
    const box = table.parentElement;
    const outer = box.getBoundingClientRect();
    if (outer.right > root.clientWidth + 0.5 || outer.left < -0.5) {
        problems.push({ what: name + " reaches past the window (" + px(outer.left) + " to " + px(outer.right) + ")" });
    }
    const inner = table.getBoundingClientRect();
    if (inner.width > box.clientWidth + 1) {
        const hidden = [...table.querySelectorAll("tr:first-child > *")].filter(
            (cell) => cell.getBoundingClientRect().right > outer.right + 0.5,
        ).length;
        problems.push({
            what: name + " is " + px(inner.width) + " wide in a box of " + px(box.clientWidth) +
                ": " + hidden + " of its columns are out of sight until the reader scrolls it",
        });
    }
});
main.querySelectorAll("svg, img").forEach((chart, i) => {
    if (chart.closest("pre, button, .pair-switch") || chart.getBoundingClientRect().width === 0) {
        return;
    }
    const r = chart.getBoundingClientRect();
    const room = main.getBoundingClientRect();
    if (r.left < room.left - 0.5 || r.right > room.right + 0.5) {
        problems.push({
            what: "chart or image " + (i + 1) + under(chart) + " (" + (chart.getAttribute("aria-label") || chart.getAttribute("src") || chart.tagName) +
                ") is wider than the text (" + px(r.width) + " in " + px(room.width) + ")",
        });
    }
});
// Every label of a generated chart (src/measurements/*.svg, which name
// themselves in data-source) lies inside the chart's box, and its text is
// at least 9 px high on screen once the chart is scaled to the column.
main.querySelectorAll("svg[data-source]").forEach((chart) => {
    const box = chart.getBoundingClientRect();
    if (box.width === 0) {
        return;
    }
    const source = chart.getAttribute("data-source");
    const scale = box.width / chart.viewBox.baseVal.width;
    chart.querySelectorAll("text").forEach((text) => {
        const r = text.getBoundingClientRect();
        const label = JSON.stringify(text.textContent);
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
            problems.push({
                what: source + ": label " + label + under(chart) + " reaches outside the chart (" + px(r.left - box.left) +
                    " to " + px(r.right - box.left) + " across a chart " + px(box.width) + " wide)",
            });
        }
        if (size < 9) {
            problems.push({
                what: source + ": label " + label + under(chart) + " is " + size.toFixed(1) + " px high on screen (at least 9)",
            });
        }
    });
});
return { pairs: pairs.length, problems };
