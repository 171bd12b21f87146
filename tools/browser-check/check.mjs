// Liaison browser check: visits every kind of page in headless Chromium, as a phone
// (375×812, touch), as a desktop (1280×800) and as a phone without JavaScript, saves a
// full-page screenshot of each, and checks what a machine can check of the accessibility
// bar. Prints one line per failed check and exits 1 if any failed.
//
//   node check.mjs http://127.0.0.1:8090 /tmp/shots
//
// The server must run with the demo office (`serve --demo`). The check submits one report
// on the portal, one failed sign-in and one API key per pass; it changes nothing else.

import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";

const [base, shotsDir] = process.argv.slice(2);
if (!base || !shotsDir) {
  console.error("usage: node check.mjs BASE_URL SCREENSHOT_DIR");
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const ADMIN = { email: "admin@riverside.example", password: "riverside-demo" };

const PASSES = [
  { name: "phone", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, js: true },
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, js: true, dark: true },
  { name: "phone-nojs", viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, js: false },
];

const only = (process.env.PASSES || "").split(",").filter(Boolean);
const passes = only.length ? PASSES.filter((p) => only.includes(p.name)) : PASSES;

const failures = [];
let pagesChecked = 0;

function fail(pass, page, message) {
  const line = `FAIL [${pass}] ${page}: ${message}`;
  failures.push(line);
  console.log(line);
}

// ---------------------------------------------------------------------------
// Checks that run inside the page. One function, so it can be sent with evaluate().
// ---------------------------------------------------------------------------

function pageChecks(opts) {
  const out = [];
  const add = (m) => out.push(m);
  const short = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    else if (el.getAttribute("name")) s += `[name=${el.getAttribute("name")}]`;
    else if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\s+/).join(".");
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const shown = (el) => {
    if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    return r.width > 1 && r.height > 1;
  };
  const byIdRefs = (el, attr) =>
    (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean).map((id) => document.getElementById(id));

  // Language, title, headings, landmarks.
  const lang = document.documentElement.getAttribute("lang") || "";
  if (!lang) add("html has no lang attribute");
  else if (opts.lang && lang !== opts.lang) add(`html lang is "${lang}", expected "${opts.lang}"`);
  if (!document.title.trim()) add("page has no title");
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) add(`${h1s.length} h1 elements (expected exactly one)`);
  let last = 0;
  for (const h of document.querySelectorAll("main h1, main h2, main h3, main h4, main h5, main h6")) {
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) add(`heading level skips from h${last} to h${level}: ${short(h)}`);
    last = level;
  }
  const mains = document.querySelectorAll("main, [role=main]");
  if (mains.length !== 1) add(`${mains.length} main landmarks (expected one)`);
  if (!document.querySelector("body > header, [role=banner]")) add("no header (banner) landmark");
  if (!document.querySelector("body > footer, [role=contentinfo]")) add("no footer (contentinfo) landmark");
  const navs = [...document.querySelectorAll("nav, [role=navigation]")];
  if (!navs.length) add("no nav landmark");
  const navNames = navs.map((n) => n.getAttribute("aria-label") || byIdRefs(n, "aria-labelledby").map((e) => e?.textContent).join(" "));
  if (navs.length > 1) {
    navNames.forEach((name, i) => {
      if (!name) add(`navigation landmark without a name: ${short(navs[i])}`);
      else if (navNames.indexOf(name) !== i) add(`two navigation landmarks named "${name}"`);
    });
  }

  // Ids and references.
  const ids = new Map();
  for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) || 0) + 1);
  for (const [id, n] of ids) if (n > 1) add(`id "${id}" is used ${n} times`);
  for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
    for (const el of document.querySelectorAll(`[${attr}]`)) {
      byIdRefs(el, attr).forEach((t, i) => {
        if (!t) add(`${attr} of ${short(el)} points to a missing id "${el.getAttribute(attr).split(/\s+/)[i]}"`);
      });
    }
  }
  for (const l of document.querySelectorAll("label[for]")) {
    const t = document.getElementById(l.htmlFor);
    if (!t) add(`label for="${l.htmlFor}" points to nothing`);
    else if (!/^(INPUT|SELECT|TEXTAREA|BUTTON|METER|OUTPUT|PROGRESS)$/.test(t.tagName)) add(`label for="${l.htmlFor}" points to a ${t.tagName.toLowerCase()}`);
  }

  // Skip link: the first focusable element, pointing to the main landmark.
  const focusable = [...document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]")]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.checkVisibility({ visibilityProperty: true }));
  const first = focusable[0];
  if (!first || first.tagName !== "A" || !first.getAttribute("href").startsWith("#")) {
    add(`first focusable element is not a skip link: ${first ? short(first) : "none"}`);
  } else {
    const target = document.getElementById(first.getAttribute("href").slice(1));
    if (!target || !(target.tagName === "MAIN" || target.getAttribute("role") === "main")) add(`skip link points to ${target ? short(target) : "nothing"}, not to main`);
  }
  for (const el of document.querySelectorAll("[tabindex]")) if (el.tabIndex > 0) add(`positive tabindex on ${short(el)}`);

  // Names of form controls, links and buttons.
  const nameOf = (el) => {
    const aria = el.getAttribute("aria-label");
    if (aria && aria.trim()) return aria.trim();
    const lb = byIdRefs(el, "aria-labelledby").filter(Boolean).map((e) => e.textContent.trim()).join(" ").trim();
    if (lb) return lb;
    if (el.labels && el.labels.length) {
      const t = [...el.labels].map((l) => l.textContent.trim()).join(" ").trim();
      if (t) return t;
    }
    if (el.getAttribute("title")) return el.getAttribute("title");
    return "";
  };
  for (const el of document.querySelectorAll("input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea")) {
    if (!shown(el)) continue;
    if (!nameOf(el)) add(`form control without a label: ${short(el)}`);
  }
  for (const el of document.querySelectorAll("a[href], button")) {
    if (!shown(el)) continue;
    if (!(el.textContent.trim() || el.getAttribute("aria-label") || nameOf(el))) add(`link or button without a name: ${short(el)}`);
  }
  for (const el of document.querySelectorAll("img")) if (!el.hasAttribute("alt")) add(`img without alt: ${el.src}`);

  // Errors: every message is tied to its field; every invalid field names its message.
  for (const el of document.querySelectorAll("[aria-invalid=true]")) {
    const refs = byIdRefs(el, "aria-describedby").filter(Boolean);
    if (!refs.some((r) => r.classList.contains("error"))) add(`invalid field ${short(el)} is not described by its error message`);
  }
  for (const msg of document.querySelectorAll("form .error, fieldset .error")) {
    if (!msg.id) { add(`error message without an id: ${short(msg)}`); continue; }
    const users = [...document.querySelectorAll("[aria-describedby]")].filter((el) => byIdRefs(el, "aria-describedby").includes(msg));
    if (!users.length) add(`error message not referenced by aria-describedby: ${short(msg)}`);
    // A group of radios or checkboxes (a fieldset) names its error; its boxes stay as they are.
    if (!users.some((u) => u.getAttribute("aria-invalid") === "true" || u.tagName === "FIELDSET")) add(`field of error message ${short(msg)} is not aria-invalid`);
  }
  const summary = document.querySelector(".error-summary");
  if (summary) {
    if (opts.js && document.activeElement !== summary && summary.getAttribute("role") !== "alert") add("error summary neither focused nor role=alert");
    if (opts.js && opts.fresh && document.activeElement !== summary) add("error summary does not receive focus");
    for (const a of summary.querySelectorAll("a[href^='#']")) {
      const t = document.getElementById(a.getAttribute("href").slice(1));
      if (!t) add(`error summary link ${a.getAttribute("href")} points to nothing`);
    }
  } else if (document.querySelector("[aria-invalid=true]") && !opts.noSummaryOk) {
    add("invalid fields but no error summary");
  }
  if (opts.expectErrors && !summary && !document.querySelector("[role=alert]")) add("expected an error message, found none");

  // Tables.
  for (const t of document.querySelectorAll("table")) {
    if (!t.querySelector(":scope > caption") || !t.querySelector(":scope > caption").textContent.trim()) add(`table without a caption: ${short(t)}`);
    for (const th of t.querySelectorAll("th")) if (!th.getAttribute("scope")) add(`th without scope: ${short(th)}`);
  }

  // Badges carry words, not only colour.
  for (const b of document.querySelectorAll(".badge")) if (!b.textContent.trim()) add(`badge without text: ${short(b)}`);

  // Horizontal overflow.
  if (opts.phone) {
    const width = Math.min(window.innerWidth, document.documentElement.clientWidth, opts.viewportWidth);
    const sw = document.scrollingElement.scrollWidth;
    if (sw > width) {
      const wide = [...document.querySelectorAll("body *")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.right > width + 1 && el.checkVisibility() && !el.closest(".table-wrap, .tabs");
      }).slice(0, 3).map(short);
      add(`page scrolls sideways: scrollWidth ${sw} > ${width} (${wide.join("; ")})`);
    }
  }

  // Tap targets (phone): 44 px high. Links inside running text are exempt.
  if (opts.phone) {
    // A link in a sentence: words right before or after it, in the same line of text.
    const inSentence = (el) => {
      const words = (n) => n && n.nodeType === 3 && /[\p{L}\p{N}]/u.test(n.textContent);
      return words(el.previousSibling) || words(el.nextSibling);
    };
    for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
      if (!shown(el) && !(el.matches("input[type=checkbox], input[type=radio]") && el.checkVisibility())) continue;
      if (el.classList.contains("skip-link")) continue;
      let box = el.getBoundingClientRect();
      if (el.matches("input[type=checkbox], input[type=radio]")) {
        const row = el.closest(".choice") || el.labels?.[0];
        if (row) box = row.getBoundingClientRect();
      } else if (el.tagName === "A" && getComputedStyle(el).display === "inline" && inSentence(el)) {
        continue;
      }
      if (box.height < 43.5) add(`tap target ${Math.round(box.height)} px high: ${short(el)}`);
    }
  }

  // Contrast of text (4.5:1, 3:1 when large) and of form control borders (3:1).
  const parse = (c) => {
    const m = c.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    if (!m) return null;
    return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const canvas = matchMedia("(prefers-color-scheme: dark)").matches ? [18, 18, 18, 1] : [255, 255, 255, 1];
  const backgroundOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] === 1) break; }
    }
    let bg = canvas;
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
  const seen = new Set();
  for (const el of document.querySelectorAll("body *")) {
    if (!shown(el) || el.disabled || el.closest("[aria-hidden=true]")) continue;
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (hasText) {
      const s = getComputedStyle(el);
      const fg = parse(s.color);
      if (!fg) { add(`colour not understood: ${s.color} on ${short(el)}`); continue; }
      const bg = backgroundOf(el);
      const r = ratio(over(fg, bg), bg);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const need = large ? 3 : 4.5;
      if (r < need) {
        const key = `${s.color}|${bg}|${el.tagName}|${el.className}`;
        if (!seen.has(key)) { seen.add(key); add(`text contrast ${r.toFixed(2)}:1 < ${need}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(", ")})): ${short(el)}`); }
      }
    }
    if (el.matches("input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea")) {
      const s = getComputedStyle(el);
      const border = parse(s.borderTopColor);
      const bg = backgroundOf(el.parentElement);
      if (border && ratio(over(border, bg), bg) < 3) add(`border of ${short(el)} has contrast ${ratio(over(border, bg), bg).toFixed(2)}:1 < 3:1`);
    }
  }
  return out;
}

// Where focus is now, as the keyboard check needs it.
function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const all = [...document.querySelectorAll("*")];
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const ring =
    (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && !/rgba\([^)]*,\s*0\)$/.test(s.outlineColor) && s.outlineColor !== "transparent") ||
    (s.boxShadow && s.boxShadow !== "none");
  let label = el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "");
  const text = (el.textContent || el.getAttribute("name") || "").trim().replace(/\s+/g, " ").slice(0, 30);
  if (text) label += ` "${text}"`;
  return {
    index: all.indexOf(el),
    label,
    visible: el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && r.width > 1 && r.height > 1,
    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    ring,
    inMain: !!el.closest("main"),
    skip: el.classList.contains("skip-link"),
    top: Math.round(r.top),
    // Date and time inputs keep focus while Tab walks their parts (day, month, year).
    // Tab walks a date's or a time's parts (up to six: year, month, day, hours, minutes,
    // AM/PM) before it leaves the field.
    segmented: /^(date|time|datetime-local|month|week)$/.test(el.type || ""),
  };
}

// ---------------------------------------------------------------------------
// Per page: screenshot, the in-page checks, the keyboard walk.
// ---------------------------------------------------------------------------

async function inspect(ctx, page, name, o = {}) {
  const { pass } = ctx;
  pagesChecked++;
  ctx.n++;
  const file = path.join(shotsDir, `${pass.name}-${String(ctx.n).padStart(2, "0")}-${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
  if (o.status !== undefined && o.response && o.response.status() !== o.status) {
    fail(pass.name, name, `HTTP status ${o.response.status()}, expected ${o.status}`);
  }
  const opts = {
    lang: o.lang || "en",
    js: pass.js,
    fresh: !!o.fresh,
    phone: pass.viewport.width < 600,
    viewportWidth: pass.viewport.width,
    expectErrors: !!o.expectErrors,
    noSummaryOk: !!o.noSummaryOk,
  };
  for (const m of await page.evaluate(pageChecks, opts)) fail(pass.name, name, m);
  if (pass.dark) {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.waitForTimeout(400); // colour transitions
    const dark = await page.evaluate(pageChecks, { ...opts, lang: null });
    for (const m of dark.filter((m) => /contrast/.test(m))) fail(pass.name, name, `dark mode: ${m}`);
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForTimeout(400);
  }
  await page.screenshot({ path: file, fullPage: true });
  await keyboard(ctx, page, name, o);
}

// Waits until the focused element stops moving (smooth scrolling: over a second down a page
// as tall as the audit trail's), at most 3 s, then describes it.
async function settledFocus(page) {
  let last = null;
  for (let i = 0; i < 60; i++) {
    const f = await page.evaluate(focusInfo);
    if (!f || (f.inView && !last) || (last && f.index === last.index && f.top === last.top)) return f;
    last = f;
    await page.waitForTimeout(50);
  }
  return last;
}

async function keyboard(ctx, page, name, o) {
  const p = ctx.pass.name;
  // An error summary focused by the script is where the walk starts; elsewhere focus
  // starts at the top of the page and the first Tab must reach the skip link.
  const startInfo = await page.evaluate(focusInfo);
  if (!startInfo) {
    await page.keyboard.press("Tab");
    const f = await settledFocus(page);
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      return el.classList.contains("skip-link") && r.width > 20 && r.height > 20 && r.top >= 0;
    });
    if (!f || !skip) fail(p, name, `first Tab does not show the skip link (focus on ${f ? f.label : "nothing"})`);
    else if (!f.ring) fail(p, name, "skip link has no visible focus ring");
    if (o.fresh && skip) {
      await page.keyboard.press("Enter");
      await page.keyboard.press("Tab");
      const g = await settledFocus(page);
      if (!g || !g.inMain) fail(p, name, `after the skip link, Tab goes to ${g ? g.label : "nothing"} instead of into main`);
      await page.goto(page.url().split("#")[0]);
      await page.keyboard.press("Tab");
    }
  }
  let prev = await page.evaluate(focusInfo);
  const seen = new Set(prev ? [prev.index] : []);
  let stay = 0;
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const f = await settledFocus(page);
    if (!f) break; // focus left the page: the end of the tab order
    if (prev && f.index === prev.index) {
      stay++;
      if (!f.segmented || stay > 6) { fail(p, name, `keyboard trap at ${f.label}`); break; }
      continue;
    }
    stay = 0;
    if (seen.has(f.index) || f.skip) break; // wrapped round to the top
    seen.add(f.index);
    if (!f.visible) fail(p, name, `Tab reaches an invisible element: ${f.label}`);
    else if (!f.inView) fail(p, name, `focused element is off screen: ${f.label}`);
    if (!f.ring) fail(p, name, `no visible focus ring on ${f.label}`);
    if (prev && f.index < prev.index) fail(p, name, `tab order goes backwards: ${prev.label} → ${f.label}`);
    prev = f;
  }
}

// ---------------------------------------------------------------------------
// The journey: every kind of page, in the order a person meets them.
// ---------------------------------------------------------------------------

async function submit(page, formSelector) {
  const button = page.locator(`${formSelector} button`).last();
  const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
  return response;
}

// Fills every field the server said was wrong with something acceptable.
async function fillInvalid(page) {
  const fields = await page.evaluate(() =>
    [...document.querySelectorAll(".invalid")].map((f) => {
      if (f.tagName === "FIELDSET") {
        const first = f.querySelector("input[type=radio], input[type=checkbox]");
        return first ? { kind: "check", id: first.id } : null;
      }
      const c = f.querySelector("input, select, textarea");
      return c ? { kind: c.tagName === "SELECT" ? "select" : c.type === "date" ? "date" : c.inputMode === "decimal" ? "number" : "text", id: c.id } : null;
    }).filter(Boolean));
  for (const f of fields) {
    const el = page.locator(`[id="${f.id}"]`);
    if (f.kind === "check") await el.check();
    else if (f.kind === "select") await el.selectOption({ index: 1 });
    else if (f.kind === "date") await el.fill("2026-01-15");
    else if (f.kind === "number") await el.fill("3");
    else await el.fill("Checked by the browser check");
  }
}

async function portal(ctx, page) {
  const name = (n) => n;
  let r = await page.goto(`${base}/`);
  await inspect(ctx, page, name("portal-home"), { response: r, status: 200, fresh: true });

  r = await page.goto(`${base}/report`);
  await inspect(ctx, page, "portal-choose-category", { response: r, status: 200, fresh: true });
  const reportUrl = await page.locator("main a[href^='/report/']").first().getAttribute("href");

  r = await page.goto(`${base}${reportUrl}`);
  await inspect(ctx, page, "portal-report-form", { response: r, status: 200, fresh: true });

  r = await submit(page, `form[action='${reportUrl}']`);
  await inspect(ctx, page, "portal-report-errors", { expectErrors: true });

  await fillInvalid(page);
  await page.locator("#description").fill("The street light in front of number 12 has been out for a week. Checked by the browser check.");
  r = await submit(page, `form[action='${reportUrl}']`);
  const code = (await page.locator(".tracking-code").textContent().catch(() => "")).trim();
  if (!code) {
    fail(ctx.pass.name, "portal-receipt", "the report was not accepted: no tracking code on the page");
    await page.screenshot({ path: path.join(shotsDir, `${ctx.pass.name}-report-not-accepted.png`), fullPage: true });
  }
  await inspect(ctx, page, "portal-receipt", {});

  r = await page.goto(`${base}/track`);
  await inspect(ctx, page, "portal-track-form", { response: r, status: 200, fresh: true });

  await page.locator("#code").fill("ABCD-EFGH-JKMN-PQRS");
  await submit(page, "form[action='/track']");
  await inspect(ctx, page, "portal-track-not-found", { expectErrors: true, noSummaryOk: true });

  if (code) {
    await page.goto(`${base}/track`);
    await page.locator("#code").fill(code);
    await submit(page, "form[action='/track']");
    await inspect(ctx, page, "portal-track-result", {});
  }

  // Meetings: the list, the upcoming one with its registration form (sent empty), "you
  // said, we did".
  r = await page.goto(`${base}/engagements`);
  await inspect(ctx, page, "portal-engagements", { response: r, status: 200, fresh: true });
  const meeting = await page.locator("ul.cards a[href^='/engagements/']").first().getAttribute("href");
  if (meeting) {
    r = await page.goto(`${base}${meeting}`);
    await inspect(ctx, page, "portal-engagement", { response: r, status: 200, fresh: true });
    if (await page.locator(`form[action='${meeting}/register']`).count()) {
      await submit(page, `form[action='${meeting}/register']`);
      await inspect(ctx, page, "portal-engagement-register-errors", { expectErrors: true });
    }
  }
  r = await page.goto(`${base}/you-said-we-did`);
  await inspect(ctx, page, "portal-you-said-we-did", { response: r, status: 200, fresh: true });
  r = await page.goto(`${base}/statistics`);
  await inspect(ctx, page, "portal-statistics", { response: r, status: 200, fresh: true });

  // The town hall's survey, by the link its page gives: the form, then sent with a rating
  // missing (the rating is required).
  r = await page.goto(`${base}/engagements`);
  const held = await page.locator("a[href^='/engagements/']:has-text('Town hall')").first().getAttribute("href");
  if (held) {
    await page.goto(`${base}${held}`);
    const answer = await page.locator("a[href^='/surveys/']").first().getAttribute("href");
    if (answer) {
      r = await page.goto(`${base}${answer}`);
      await inspect(ctx, page, "portal-survey", { response: r, status: 200, fresh: true });
      await submit(page, `form[action='${answer}']`);
      await inspect(ctx, page, "portal-survey-errors", { expectErrors: true });
    }
  }

  for (const lang of ["es", "fr"]) {
    await page.goto(`${base}/`);
    await Promise.all([page.waitForNavigation(), page.locator(`footer a[hreflang='${lang}']`).click()]);
    await inspect(ctx, page, `${lang}-portal-home`, { lang, fresh: true });
    r = await page.goto(`${base}${reportUrl}`);
    await inspect(ctx, page, `${lang}-report-form`, { lang, response: r, status: 200, fresh: true });
    await submit(page, `form[action='${reportUrl}']`);
    await inspect(ctx, page, `${lang}-report-errors`, { lang, expectErrors: true });
    r = await page.goto(`${base}/track`);
    await inspect(ctx, page, `${lang}-track-form`, { lang, response: r, status: 200, fresh: true });
    r = await page.goto(`${base}/engagements`);
    await inspect(ctx, page, `${lang}-engagements`, { lang, response: r, status: 200, fresh: true });
  }
  await page.goto(`${base}/`);
  await Promise.all([page.waitForNavigation(), page.locator("footer a[hreflang='en']").click()]);

  r = await page.goto(`${base}/no-such-page`);
  await inspect(ctx, page, "not-found", { response: r, status: 404, fresh: true });
}

async function staff(ctx, page) {
  let r = await page.goto(`${base}/sign-in`);
  await inspect(ctx, page, "sign-in", { response: r, status: 200, fresh: true });

  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill("not-the-password");
  await submit(page, "form[action='/sign-in']");
  await inspect(ctx, page, "sign-in-wrong-password", { expectErrors: true, noSummaryOk: true });

  await page.locator("#email").fill(ADMIN.email);
  await page.locator("#password").fill(ADMIN.password);
  await submit(page, "form[action='/sign-in']");
  if (!page.url().includes("/staff")) {
    fail(ctx.pass.name, "sign-in", `signing in as the demo administrator failed (at ${page.url()})`);
    return;
  }

  const visit = async (name, url, o = {}) => {
    const resp = await page.goto(`${base}${url}`);
    await inspect(ctx, page, name, { response: resp, status: 200, fresh: true, ...o });
  };

  await visit("home", "/staff");
  await visit("reports", "/staff/reports");
  await visit("report-concerns", "/staff/reports/concerns?compare=yes");
  await visit("report-grievances", "/staff/reports/grievances");
  await visit("report-bad-period", "/staff/reports/concerns?from=2026-03-10&to=2026-03-01", { status: 422, expectErrors: true });
  await visit("queue", "/staff/concerns");
  await visit("queue-filtered", "/staff/concerns?view=all&status=in_progress&priority=high&sort=oldest");
  await visit("queue-overdue", "/staff/concerns?view=overdue");
  await visit("queue-search", "/staff/concerns?view=all&q=street");
  await visit("search", "/staff/search?q=street");
  await visit("search-too-long", `/staff/search?q=${"x".repeat(201)}`, { status: 422, expectErrors: true });
  await visit("queue-bad-filters", "/staff/concerns?view=all&status=nonsense&from=31-12-2026", { status: undefined, expectErrors: true });

  await page.goto(`${base}/staff/concerns?view=all`);
  const concern = await page.locator("table.queue tbody a").first().getAttribute("href");
  await visit("concern", concern);
  if (await page.locator("form[action$='/notes']").count()) {
    await submit(page, "form[action$='/notes']");
    await inspect(ctx, page, "concern-note-empty", { expectErrors: true });
  }

  await visit("intake-choose", "/staff/concerns/new");
  await page.goto(`${base}/staff/admin/categories`);
  const cats = await page.evaluate(() =>
    [...document.querySelectorAll("table tbody tr")].map((tr) => ({
      href: tr.querySelector("a").getAttribute("href"),
      questions: Number(tr.lastElementChild.textContent.trim()),
    })));
  cats.sort((a, b) => b.questions - a.questions);
  const category = cats[0]?.href;
  const categoryId = category?.split("/").pop();
  await visit("intake-form", `/staff/concerns/new?category=${categoryId}`);
  await submit(page, "form[method='post'][action='/staff/concerns/new']");
  await inspect(ctx, page, "intake-errors", { expectErrors: true });

  await visit("admin-office", "/staff/admin");
  await visit("admin-areas", "/staff/admin/areas");
  await visit("admin-categories", "/staff/admin/categories");
  await visit("admin-category", category);
  await visit("admin-category-new", "/staff/admin/categories/new");
  await submit(page, "form[action='/staff/admin/categories']");
  await inspect(ctx, page, "admin-category-new-errors", { expectErrors: true });
  await visit("admin-users", "/staff/admin/users");
  const user = await page.locator("table tbody a").first().getAttribute("href");
  await visit("admin-user", user);
  await visit("admin-user-new", "/staff/admin/users/new");
  await visit("admin-api-keys", "/staff/admin/api-keys");
  await submit(page, "form[action='/staff/admin/api-keys']");
  await inspect(ctx, page, "admin-api-keys-errors", { expectErrors: true });
  await page.locator("#name").fill(`Browser check ${ctx.pass.name}`);
  await submit(page, "form[action='/staff/admin/api-keys']");
  await inspect(ctx, page, "admin-api-key-issued", {});
  await visit("admin-outbox", "/staff/admin/outbox");
  await visit("admin-audit", "/staff/admin/audit");

  await visit("people", "/staff/people");
  await visit("people-search", "/staff/people?q=ma");
  const person = await page.locator("table.plain tbody td a").first().getAttribute("href");
  await visit("person", person);
  await visit("person-edit", `${person}/edit`);
  await visit("person-new", "/staff/people/new");
  await submit(page, "form[action='/staff/people']");
  await inspect(ctx, page, "person-new-errors", { expectErrors: true });
  await visit("organizations", "/staff/organizations?type=school");
  await visit("people-grid", "/staff/people/grid");

  await visit("tasks", "/staff/tasks");
  await visit("interactions", "/staff/interactions");
  const interaction = await page.locator("ol.timeline a[href^='/staff/interactions/']").first().getAttribute("href");
  await visit("interaction", interaction);
  await visit("interaction-edit", `${interaction}/edit`);
  await visit("interaction-new", `/staff/interactions/new?people=${person.split("/").pop()}`);
  await submit(page, "form[action='/staff/interactions']");
  await inspect(ctx, page, "interaction-new-errors", { expectErrors: true });
  await visit("not-contacted", "/staff/people/not-contacted");
  await visit("people-import", "/staff/people/import");

  await visit("commitments", "/staff/commitments");
  await visit("commitments-closed", "/staff/commitments?view=closed");
  await visit("commitments-open", "/staff/commitments");
  // The demo's settled mediation: one of its terms, its concern, the mediation itself.
  const term = await page.locator("tr:has-text('No deliveries') a[href^='/staff/commitments/']").first().getAttribute("href");
  await visit("commitment", term);
  const termConcern = await page.locator("dd a[href^='/staff/concerns/']").first().getAttribute("href");
  await visit("mediated-concern", termConcern);
  const mediation = await page.locator("a[href^='/staff/mediations/']").first().getAttribute("href");
  await visit("mediation", mediation);

  await visit("engagements", "/staff/engagements");
  await visit("engagements-past", "/staff/engagements?view=past");
  // The demo's town hall: held, with its agenda, minutes, commitments and attendance.
  const townHall = await page.locator("tr:has-text('Town hall') a[href^='/staff/engagements/']").first().getAttribute("href");
  if (townHall) {
    await visit("engagement", townHall);
    await visit("engagement-door", `${townHall}/door`);
    await visit("engagement-plan", `${townHall}/plan`);
  }
  await visit("engagement-new", "/staff/engagements/new");
  await submit(page, "form[action='/staff/engagements']");
  await inspect(ctx, page, "engagement-new-errors", { expectErrors: true });

  // Surveys: the list, the templates, the town hall's open survey with its QR code, its
  // results; a new survey sent empty.
  await visit("surveys", "/staff/surveys");
  await visit("survey-templates", "/staff/surveys?templates=1");
  await visit("surveys-again", "/staff/surveys");
  const survey = await page.locator("td a[href^='/staff/surveys/']").first().getAttribute("href");
  if (survey) {
    await visit("survey", survey);
    await visit("survey-results", `${survey}/results`);
  }
  await visit("survey-new", "/staff/surveys/new");
  await submit(page, "form[action='/staff/surveys']");
  await inspect(ctx, page, "survey-new-errors", { expectErrors: true });

  await visit("account", "/staff/account");
  await submit(page, "form[action='/staff/account']");
  await inspect(ctx, page, "account-password-errors", { expectErrors: true });

  await visit("account-tokens", "/staff/account/tokens");
  await submit(page, "form[action='/staff/account/tokens']");
  await inspect(ctx, page, "account-tokens-errors", { expectErrors: true });
  await page.locator("#name").fill(`Browser check ${ctx.pass.name}`);
  await submit(page, "form[action='/staff/account/tokens']");
  await inspect(ctx, page, "account-token-created", {});
  await visit("api-docs", "/api/v1/");

  r = await page.goto(`${base}/staff/concerns/999999999`);
  await inspect(ctx, page, "staff-not-found", { response: r, status: 404, fresh: true });
}

// ---------------------------------------------------------------------------

await mkdir(shotsDir, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
try {
  for (const pass of passes) {
    for (const journey of [portal, staff]) {
      const context = await browser.newContext({
        viewport: pass.viewport,
        isMobile: pass.isMobile,
        hasTouch: pass.hasTouch,
        javaScriptEnabled: pass.js,
        colorScheme: "light",
        locale: "en-GB",
      });
      const page = await context.newPage();
      page.setDefaultTimeout(15000);
      const ctx = { pass, n: journey === portal ? 0 : 50 };
      try {
        await journey(ctx, page);
      } catch (e) {
        fail(pass.name, journey.name, `the journey stopped: ${e.message.split("\n")[0]} (at ${page.url()})`);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}

console.log(`${pagesChecked} page views checked in ${passes.length} passes, screenshots in ${shotsDir}`);
if (failures.length) {
  console.log(`${failures.length} failed checks`);
  process.exit(1);
}
console.log("all checks passed");
