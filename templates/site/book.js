'use strict';

// The website's controls: contents, theme and the search's keyboard handling.
// Everything here is optional: without JavaScript every page reads and links work.

// mdBook's search calls this before acting on a key press. Single-letter shortcuts
// ("s", "/") are turned off (WCAG 2.1.4): a speech-input user saying a word would
// trigger them. The search opens with its button instead.
// eslint-disable-next-line no-unused-vars
function mdbook_something_else_has_focus(e) {
    const target = e.composedPath()[0] || e.target;
    if (e.key === 's' || e.key === '/') {
        return true;
    }
    return /^(?:input|select|textarea)$/i.test(target.nodeName);
}

(function sidebar() {
    const nav = document.getElementById('sr-sidebar');
    const button = document.getElementById('sr-sidebar-toggle');
    if (!nav || !button) {
        return;
    }
    button.addEventListener('click', () => {
        const open = nav.hidden;
        nav.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        try { localStorage.setItem('sr-sidebar', open ? 'open' : 'closed'); } catch (e) { }
        if (open) {
            const first = nav.querySelector('a');
            if (first && !window.matchMedia('(min-width: 1080px)').matches) {
                first.focus();
            }
        }
    });
    document.addEventListener('keydown', e => {
        // Escape closes the contents on a phone, where they cover the page.
        if (e.key === 'Escape' && !nav.hidden && !window.matchMedia('(min-width: 1080px)').matches) {
            nav.hidden = true;
            button.setAttribute('aria-expanded', 'false');
            button.focus();
        }
    });
})();

(function theme() {
    const html = document.documentElement;
    const button = document.getElementById('sr-theme-toggle');
    function set(name) {
        html.classList.remove('sr-light', 'sr-dark');
        html.classList.add('sr-' + name);
        if (button) {
            button.setAttribute('aria-pressed', String(name === 'dark'));
        }
    }
    window.srSetTheme = name => {
        set(name);
        try { localStorage.setItem('sr-theme', name); } catch (e) { }
    };
    set(html.classList.contains('sr-dark') ? 'dark' : 'light');
    if (button) {
        button.addEventListener('click', () => {
            window.srSetTheme(html.classList.contains('sr-dark') ? 'light' : 'dark');
        });
    }
})();

(function searchResults() {
    // mdBook's search labels each result's teaser with aria-label on a <span>, which
    // a span may not carry; the teaser is already linked by aria-details.
    const results = document.getElementById('mdbook-searchresults');
    if (!results) {
        return;
    }
    new MutationObserver(() => {
        results.querySelectorAll('span[aria-label]').forEach(s => s.removeAttribute('aria-label'));
    }).observe(results, { childList: true, subtree: true });
})();
