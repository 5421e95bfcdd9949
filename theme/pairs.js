// Go and Rust pairs: wraps each block of a <div class="pair"> in a labelled
// column and adds a switch above the pair: both languages, Go only, or Rust
// only. The choice applies to every pair and is remembered across pages.
(function () {
    "use strict";
    var KEY = "go-to-rust-pairs";
    var MODES = [
        ["both", "Side by side"],
        ["go", "Go"],
        ["rust", "Rust"],
    ];

    function stored() {
        try {
            return localStorage.getItem(KEY) || "both";
        } catch (e) {
            return "both";
        }
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

    document.querySelectorAll(".pair").forEach(function (pair) {
        columns(pair);
        pair.parentNode.insertBefore(switcher(), pair);
    });
    apply(stored());
})();
