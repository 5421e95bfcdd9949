// Installed in every document before the page's own scripts (testkit's
// browser module adds it with Page.addScriptToEvaluateOnNewDocument).
//
// It keeps count of what a page still has under way, so that a test can wait
// until the page has finished instead of sleeping: timers, animation frames,
// fetch and XMLHttpRequest requests, scripts, stylesheets and images added
// after the load event, fonts, and running animations. `setInterval` is not
// counted (it never finishes), nor are WebSockets.
//
// It also replaces `window.print`: a page asking to print is recorded, not
// printed, so that a test can print it to PDF itself without racing the page.
(() => {
    "use strict";
    if (window.__testkit) {
        return;
    }
    const timers = new Map();
    const frames = new Set();
    const loading = new Set();
    let requests = 0;
    let printRequests = 0;

    // The caller of the function that called `caller()`, as `url:line:column`.
    const caller = () => {
        const line = (new Error().stack || "").split("\n")[3] || "";
        return line.trim().replace(/^at /, "") || "an unknown place";
    };

    const setTimeout_ = window.setTimeout.bind(window);
    const clearTimeout_ = window.clearTimeout.bind(window);
    const clearInterval_ = window.clearInterval.bind(window);
    window.setTimeout = function (callback, delay, ...args) {
        if (typeof callback !== "function") {
            return setTimeout_(callback, delay, ...args);
        }
        const id = setTimeout_(function () {
            timers.delete(id);
            return callback.apply(this, args);
        }, delay);
        timers.set(id, `a ${Number(delay) || 0} ms timer set at ${caller()}`);
        return id;
    };
    window.clearTimeout = (id) => {
        timers.delete(id);
        clearTimeout_(id);
    };
    // Timeouts and intervals share their ids.
    window.clearInterval = (id) => {
        timers.delete(id);
        clearInterval_(id);
    };

    const requestFrame_ = window.requestAnimationFrame.bind(window);
    const cancelFrame_ = window.cancelAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
        const id = requestFrame_((time) => {
            frames.delete(id);
            return callback(time);
        });
        frames.add(id);
        return id;
    };
    window.cancelAnimationFrame = (id) => {
        frames.delete(id);
        cancelFrame_(id);
    };

    const fetch_ = window.fetch;
    window.fetch = function (...args) {
        requests += 1;
        let answer;
        try {
            answer = fetch_.apply(this, args);
        } catch (e) {
            requests -= 1;
            throw e;
        }
        return answer.finally(() => {
            requests -= 1;
        });
    };
    const send_ = XMLHttpRequest.prototype.send;
    XMLHttpRequest.prototype.send = function (...args) {
        requests += 1;
        this.addEventListener("loadend", () => {
            requests -= 1;
        }, { once: true });
        try {
            return send_.apply(this, args);
        } catch (e) {
            requests -= 1;
            throw e;
        }
    };

    // Whatever is in the document before `load` delays `load` itself; what
    // scripts add afterwards is followed until it loads or fails.
    const follow = (element) => {
        const fetches = (element.tagName === "SCRIPT" && element.src)
            || (element.tagName === "LINK" && element.rel === "stylesheet" && !element.sheet)
            || (element.tagName === "IMG" && element.src && !element.complete);
        if (!fetches || loading.has(element)) {
            return;
        }
        loading.add(element);
        const done = () => loading.delete(element);
        element.addEventListener("load", done, { once: true });
        element.addEventListener("error", done, { once: true });
    };
    window.addEventListener("load", () => {
        new MutationObserver((records) => {
            for (const record of records) {
                for (const node of record.addedNodes) {
                    if (node.nodeType === Node.ELEMENT_NODE) {
                        follow(node);
                        node.querySelectorAll("script[src], link[rel=stylesheet], img").forEach(follow);
                    }
                }
            }
        }).observe(document, { childList: true, subtree: true });
    });

    window.print = () => {
        printRequests += 1;
    };

    Object.defineProperty(window, "__testkit", {
        value: Object.freeze({
            printRequests: () => printRequests,
            // What the page still has under way, one line each; empty once
            // it has finished.
            pending: () => {
                const pending = [];
                if (document.readyState !== "complete") {
                    pending.push(`the document itself (readyState ${document.readyState})`);
                }
                if (document.fonts && document.fonts.status !== "loaded") {
                    pending.push("fonts");
                }
                pending.push(...timers.values());
                if (frames.size > 0) {
                    pending.push(`${frames.size} animation frame callback(s)`);
                }
                if (requests > 0) {
                    pending.push(`${requests} fetch or XMLHttpRequest request(s)`);
                }
                for (const element of loading) {
                    pending.push(`loading ${element.src || element.href}`);
                }
                for (const animation of document.getAnimations()) {
                    const finite = animation.effect
                        && animation.effect.getComputedTiming().endTime !== Infinity;
                    if (animation.playState === "running" && finite) {
                        const target = animation.effect.target;
                        const name = animation.animationName || animation.transitionProperty || "an animation";
                        pending.push(`${name} on ${target ? target.tagName.toLowerCase() + (target.id ? "#" + target.id : "") : "the page"}`);
                    }
                }
                return pending;
            },
        }),
    });
})();
