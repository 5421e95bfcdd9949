// Tables on a narrow screen: a table wider than the text column would
// scroll inside its box with most of its columns out of sight (a phone shows
// the first column of the job queue's translation table and nothing else).
// Such a table is reflowed instead: each row becomes a block, each cell a
// line labelled with its column's heading, so no column is lost. It is
// redone when the window's width changes; `data-tables-layout` on <html>
// records the width it was done for.
(function () {
    "use strict";

    function label(table) {
        var headings = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
            return th.textContent.trim();
        });
        table.querySelectorAll("tbody tr").forEach(function (row) {
            Array.prototype.forEach.call(row.children, function (cell, i) {
                if (headings[i] && !cell.hasAttribute("data-label")) {
                    cell.setAttribute("data-label", headings[i]);
                }
            });
        });
    }

    function layout() {
        document.querySelectorAll("main table").forEach(function (table) {
            var box = table.parentElement;
            table.classList.remove("table-reflowed");
            if (table.getBoundingClientRect().width > box.clientWidth + 1) {
                label(table);
                table.classList.add("table-reflowed");
            }
        });
        document.documentElement.dataset.tablesLayout = String(window.innerWidth);
    }

    layout();
    window.addEventListener("resize", layout);
    if (document.fonts && document.fonts.ready) {
        document.fonts.ready.then(layout);
    }
})();
