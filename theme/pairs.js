// Go and Rust pairs: wraps each block of a <div class="pair"> in a labelled
// column and adds a switch above the pair: both languages, Go only, or Rust
// only. The choice applies to every pair and is remembered across pages.
//
// Each pair is then laid out for the room the window gives it: side by side
// when both columns hold their longest line, else one above the other, and
// on a screen too narrow for even one column the lines wrap. A pair may grow
// past the prose column into the free space beside it, never under the
// sidebar or the chapter arrows. The layout is redone when the window, the
// sidebar or the choice changes; `data-pairs-layout` on <html> records the
// window width it was last done for, so a test can wait for it.
(function () {
    "use strict";
    var KEY = "go-to-rust-pairs";
    var MODES = [
        ["both", "Side by side"],
        ["go", "Go"],
        ["rust", "Rust"],
    ];
    // What the "both" button says when a pair shows its languages stacked.
    var STACKED = "Both, stacked";
    // Columns a tab stands for in Go code (gofmt indents with tabs).
    var TAB = 4;

    function stored() {
        try {
            return localStorage.getItem(KEY) || "both";
        } catch (e) {
            return "both";
        }
    }

    function current() {
        var root = document.documentElement;
        if (root.classList.contains("pairs-go")) {
            return "go";
        }
        return root.classList.contains("pairs-rust") ? "rust" : "both";
    }

    function apply(mode) {
        var root = document.documentElement;
        root.classList.remove("pairs-go", "pairs-rust");
        if (mode === "go" || mode === "rust") {
            root.classList.add("pairs-" + mode);
        }
        document.querySelectorAll(".pair-switch button").forEach(function (b) {
            b.setAttribute("aria-pressed", String(b.dataset.mode === mode));
        });
        layout();
    }

    function choose(mode) {
        try {
            localStorage.setItem(KEY, mode);
        } catch (e) {
            // Private windows may refuse storage; the choice still applies here.
        }
        apply(mode);
    }

    function language(pre) {
        var code = pre.querySelector("code");
        if (!code) {
            return null;
        }
        if (code.classList.contains("language-go")) {
            return "go";
        }
        if (code.classList.contains("language-rust")) {
            return "rust";
        }
        return null;
    }

    function columns(pair) {
        Array.prototype.slice.call(pair.children).forEach(function (child) {
            var pre = child.tagName === "PRE" ? child : null;
            var lang = pre && language(pre);
            if (!lang) {
                return;
            }
            var column = document.createElement("div");
            column.className = "pair-column " + lang;
            var label = document.createElement("span");
            label.className = "pair-label";
            label.textContent = lang === "go" ? "Go" : "Rust";
            pair.insertBefore(column, pre);
            column.appendChild(label);
            column.appendChild(pre);
        });
    }

    function switcher() {
        var bar = document.createElement("div");
        bar.className = "pair-switch";
        bar.setAttribute("role", "group");
        bar.setAttribute("aria-label", "Show Go and Rust");
        MODES.forEach(function (m) {
            var button = document.createElement("button");
            button.type = "button";
            button.dataset.mode = m[0];
            button.textContent = m[1];
            button.addEventListener("click", function () {
                choose(m[0]);
            });
            bar.appendChild(button);
        });
        return bar;
    }

    // The widest visible line of a block, in columns: hidden (`# `) lines
    // left out, tabs expanded.
    function widest(pre) {
        var code = pre.querySelector("code").cloneNode(true);
        code.querySelectorAll(".boring").forEach(function (b) {
            b.remove();
        });
        var most = 0;
        code.textContent.split("\n").forEach(function (line) {
            var column = 0;
            for (var i = 0; i < line.length; i++) {
                column = line[i] === "\t" ? column + TAB - (column % TAB) : column + 1;
            }
            most = Math.max(most, column);
        });
        return most;
    }

    // The width of one column of code, and what a block adds around its
    // text (padding and borders of <pre> and <code>), in pixels.
    function metrics(pre) {
        var code = pre.querySelector("code");
        var probe = document.createElement("span");
        probe.style.position = "absolute";
        probe.style.visibility = "hidden";
        probe.style.whiteSpace = "pre";
        probe.textContent = new Array(101).join("0");
        code.appendChild(probe);
        var column = probe.getBoundingClientRect().width / 100;
        probe.remove();
        var extra = 0;
        [pre, code].forEach(function (element) {
            var style = getComputedStyle(element);
            ["paddingLeft", "paddingRight", "borderLeftWidth", "borderRightWidth"].forEach(
                function (p) {
                    extra += parseFloat(style[p]) || 0;
                }
            );
        });
        return { column: column, extra: extra };
    }

    function visible(element) {
        return element && getComputedStyle(element).display !== "none";
    }

    // Half the width a pair may take, measured from the middle of the prose
    // column: up to the sidebar or the window's left edge, and up to the
    // window's right edge, each less the page's padding and any chapter
    // arrow shown there.
    function halfRoom(main) {
        var box = main.getBoundingClientRect();
        var middle = box.left + box.width / 2;
        var padding = parseFloat(getComputedStyle(main.closest(".page") || main).paddingLeft) || 0;
        var left = 0;
        var right = document.documentElement.clientWidth;
        var sidebar = document.getElementById("mdbook-sidebar");
        if (document.documentElement.classList.contains("sidebar-visible") && visible(sidebar)) {
            left = Math.max(left, sidebar.getBoundingClientRect().right);
        }
        var wide = document.querySelector(".nav-wide-wrapper");
        if (visible(wide)) {
            wide.querySelectorAll(".nav-chapters").forEach(function (arrow) {
                var r = arrow.getBoundingClientRect();
                if (r.width === 0) {
                    return;
                }
                if (r.left < middle) {
                    left = Math.max(left, r.right);
                } else {
                    right = Math.min(right, r.left);
                }
            });
        }
        return Math.max(0, Math.min(middle - left, right - middle) - padding);
    }

    // Each block's widest line, counted once (its text never changes).
    var widths = new WeakMap();

    function columnsOf(pre) {
        if (!widths.has(pre)) {
            widths.set(pre, widest(pre));
        }
        return widths.get(pre);
    }

    // Measures every pair first and only then changes any, so the page is
    // laid out once or twice per call, not once per pair (the print page
    // holds every pair of the book).
    function layout() {
        var main = document.querySelector("main");
        var pairs = document.querySelectorAll(".pair");
        var printing = window.matchMedia && window.matchMedia("print").matches;
        if (!main || pairs.length === 0 || printing) {
            // In print, pairs.css stacks every pair at the page's width.
            document.documentElement.dataset.pairsLayout = String(window.innerWidth);
            return;
        }
        var mode = current();
        var prose = main.clientWidth;
        var room = Math.max(prose, 2 * halfRoom(main));
        var gap = parseFloat(getComputedStyle(pairs[0]).fontSize) * 0.75;
        var m = null;
        var plans = [];
        pairs.forEach(function (pair) {
            var blocks = pair.querySelectorAll(".pair-column > pre");
            if (blocks.length === 0) {
                return;
            }
            m = m || metrics(blocks[0]);
            var need = { go: 0, rust: 0 };
            blocks.forEach(function (pre) {
                var lang = language(pre);
                need[lang] = Math.max(need[lang], Math.ceil(columnsOf(pre) * m.column + m.extra) + 1);
            });
            var side = need.go + need.rust + gap;
            var one = mode === "both" ? Math.max(need.go, need.rust) : need[mode];
            if (mode === "both" && need.go > 0 && need.rust > 0 && side <= room) {
                plans.push({
                    pair: pair,
                    shape: "side",
                    width: Math.max(prose, side),
                    grid: "minmax(0, " + need.go + "fr) minmax(0, " + need.rust + "fr)",
                });
            } else {
                plans.push({
                    pair: pair,
                    shape: one <= room ? "stacked" : "wrapped",
                    width: Math.min(room, Math.max(prose, one)),
                    grid: "",
                });
            }
        });
        plans.forEach(function (plan) {
            var pair = plan.pair;
            pair.style.gridTemplateColumns = plan.grid;
            pair.classList.remove("pair-side", "pair-stacked", "pair-wrapped");
            pair.classList.add("pair-" + plan.shape);
            pair.style.width = plan.width + "px";
            pair.style.marginLeft = (prose - plan.width) / 2 + "px";
            var both = pair.querySelector(".pair-switch button[data-mode='both']");
            if (both) {
                both.textContent = plan.shape === "side" || mode !== "both" ? MODES[0][1] : STACKED;
            }
        });
        document.documentElement.dataset.pairsLayout = String(window.innerWidth);
    }

    document.querySelectorAll(".pair").forEach(function (pair) {
        columns(pair);
        // The switch and the caption span the pair, so they line up with it.
        pair.insertBefore(switcher(), pair.firstChild);
        var next = pair.nextElementSibling;
        if (next && next.classList.contains("listing-caption")) {
            pair.appendChild(next);
        }
    });
    document.documentElement.classList.add("pairs-js");
    apply(stored());

    window.addEventListener("resize", layout);
    // The sidebar opens and closes by a class on <html>; the page slides
    // over while it does, so the room is measured once it has stopped.
    new MutationObserver(layout).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ["class"],
    });
    var wrapper = document.querySelector(".page-wrapper");
    if (wrapper) {
        wrapper.addEventListener("transitionend", layout);
    }
    if (document.fonts && document.fonts.ready) {
        // The code font's width is known only once it has loaded.
        document.fonts.ready.then(layout);
    }
})();
