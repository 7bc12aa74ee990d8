//! The HTML report: one self-contained file (no network requests) for a person to open:
//! summary cards, a chart of failures by service and severity, a findings table that filters
//! by status, severity, service and text and sorts by column, and each failing check's
//! rationale and fix. Rows are written one by one, so a large report streams.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::Report;
use crate::finding::{Severity, Status};

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body{font:14px/1.4 system-ui,-apple-system,Segoe UI,sans-serif;margin:24px;color:#1b1f24}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}
.meta{color:#57606a;margin-bottom:16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 16px;min-width:90px}
.card b{display:block;font-size:22px}
.fail b{color:#cf222e}.unknown b{color:#9a6700}.manual b{color:#8250df}.waived b{color:#57606a}.pass b{color:#1a7f37}
.filters{display:flex;gap:8px;margin:8px 0;flex-wrap:wrap}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f6f8fa;user-select:none}
td.id{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
td.id small{display:block;color:#666}
.s-fail{color:#cf222e;font-weight:600}.s-unknown{color:#9a6700}.s-pass{color:#1a7f37}
details{margin:4px 0}summary{cursor:pointer}
code{background:#f6f8fa;padding:1px 4px;border-radius:4px}
"#;

const SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var status = document.getElementById('f-status'), severity = document.getElementById('f-severity');
  var service = document.getElementById('f-service'), text = document.getElementById('f-text');
  var shown = document.getElementById('shown');
  function apply() {
    var q = text.value.toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var ok = (!status.value || r.dataset.status === status.value) &&
        (!severity.value || r.dataset.severity === severity.value) &&
        (!service.value || r.dataset.service === service.value) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n;
  }
  [status, severity, service].forEach(function (e) { e.addEventListener('change', apply); });
  text.addEventListener('input', apply);
  var order = {critical: 0, high: 1, medium: 2, low: 3, info: 4};
  document.querySelectorAll('#findings th').forEach(function (th, i) {
    var asc = true;
    th.addEventListener('click', function () {
      var body = document.querySelector('#findings tbody');
      rows.sort(function (a, b) {
        var x = a.children[i].textContent, y = b.children[i].textContent;
        if (th.dataset.key === 'severity') { x = order[x]; y = order[y]; }
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      asc = !asc;
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  apply();
})();
"#;

fn service_of(check_id: &str) -> &str {
    check_id.split('.').next().unwrap_or(check_id)
}

/// Write the HTML report.
pub fn write_html(report: &Report, mut w: impl Write) -> io::Result<()> {
    let s = &report.summary;
    let n = |st: Status| s.by_status.get(&st).copied().unwrap_or(0);
    writeln!(
        w,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>azaudit report</title><style>{STYLE}</style></head><body>"
    )?;
    writeln!(
        w,
        "<h1>azaudit report</h1><div class=\"meta\">tenant {} · {} subscriptions · {} records{} · {} checks</div>",
        esc(s.tenant_id.as_deref().unwrap_or("(unknown)")),
        s.subscriptions,
        s.records,
        s.collected_at
            .as_deref()
            .map(|c| format!(" · collected {}", esc(c)))
            .unwrap_or_default(),
        s.checks
    )?;
    write!(w, "<div class=\"cards\" id=\"cards\">")?;
    for st in Status::ALL {
        write!(w, "<div class=\"card {st}\"><b>{}</b>{st}</div>", n(st))?;
    }
    writeln!(w, "</div>")?;

    // Failures by service and severity, as an inline SVG bar chart.
    let mut by_service: BTreeMap<&str, BTreeMap<Severity, usize>> = BTreeMap::new();
    for f in report.failed() {
        *by_service
            .entry(service_of(&f.check_id))
            .or_default()
            .entry(f.severity)
            .or_default() += 1;
    }
    let max = by_service
        .values()
        .map(|m| m.values().sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let colors = [
        (Severity::Critical, "#82071e"),
        (Severity::High, "#cf222e"),
        (Severity::Medium, "#d4a72c"),
        (Severity::Low, "#54aeff"),
        (Severity::Info, "#8c959f"),
    ];
    writeln!(w, "<h2>Failures by service and severity</h2>")?;
    let height = 22 * by_service.len() + 30;
    writeln!(
        w,
        "<svg id=\"chart\" width=\"640\" height=\"{height}\" role=\"img\" aria-label=\"failures by service and severity\">"
    )?;
    for (row, (svc, counts)) in by_service.iter().enumerate() {
        let y = row * 22;
        writeln!(
            w,
            "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>",
            y + 14,
            esc(svc)
        )?;
        let mut x = 100.0;
        for (sev, color) in colors {
            let c = counts.get(&sev).copied().unwrap_or(0);
            if c == 0 {
                continue;
            }
            let width = 480.0 * c as f64 / max as f64;
            writeln!(
                w,
                "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{width:.1}\" height=\"16\" fill=\"{color}\"><title>{svc}: {c} {sev}</title></rect>"
            )?;
            x += width;
        }
        writeln!(
            w,
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{}</text>",
            x + 4.0,
            y + 14,
            counts.values().sum::<usize>()
        )?;
    }
    let legend_y = 22 * by_service.len() + 14;
    for (i, (sev, color)) in colors.iter().enumerate() {
        let x = 100 + i * 90;
        writeln!(
            w,
            "<rect x=\"{x}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{sev}</text>",
            legend_y - 9,
            x + 14,
            legend_y
        )?;
    }
    writeln!(w, "</svg>")?;

    // The findings table.
    let services: std::collections::BTreeSet<&str> =
        report.checks.iter().map(|c| c.service.as_str()).collect();
    writeln!(
        w,
        "<h2>Findings (<span id=\"shown\">{}</span> shown)</h2><div class=\"filters\">",
        report.findings.len()
    )?;
    write!(
        w,
        "<select id=\"f-status\" aria-label=\"status\"><option value=\"\">any status</option>"
    )?;
    for st in Status::ALL {
        write!(w, "<option>{st}</option>")?;
    }
    write!(
        w,
        "</select><select id=\"f-severity\" aria-label=\"severity\"><option value=\"\">any severity</option>"
    )?;
    for sev in Severity::ALL {
        write!(w, "<option>{sev}</option>")?;
    }
    write!(
        w,
        "</select><select id=\"f-service\" aria-label=\"service\"><option value=\"\">any service</option>"
    )?;
    for svc in &services {
        write!(w, "<option>{}</option>", esc(svc))?;
    }
    writeln!(
        w,
        "</select><input id=\"f-text\" type=\"search\" placeholder=\"filter text\" aria-label=\"text\"></div>"
    )?;
    writeln!(
        w,
        "<table id=\"findings\"><thead><tr><th data-key=\"status\">status</th><th data-key=\"severity\">severity</th>\
         <th data-key=\"check\">check</th><th data-key=\"resource\">resource</th><th data-key=\"message\">message</th></tr></thead><tbody>"
    )?;
    for f in &report.findings {
        writeln!(
            w,
            "<tr data-status=\"{st}\" data-severity=\"{sev}\" data-service=\"{svc}\"><td class=\"s-{st}\">{st}</td><td>{sev}</td>\
             <td>{check}</td><td class=\"id\" title=\"{id}\">{name}<small>{place}</small></td><td>{msg}</td></tr>",
            st = f.status,
            sev = f.severity,
            svc = esc(service_of(&f.check_id)),
            check = esc(&f.check_id),
            id = esc(&f.resource_id),
            name = esc(&super::display_name(report, f)),
            place = esc(&super::place(report, f)),
            msg = esc(&f.message),
        )?;
    }
    writeln!(w, "</tbody></table>")?;

    // What each failing check is about and how to fix it.
    writeln!(
        w,
        "<h2>Checks that failed: why they matter and how to fix them</h2>"
    )?;
    for c in report
        .checks
        .iter()
        .filter(|c| c.counts.get(&Status::Fail).copied().unwrap_or(0) > 0)
    {
        writeln!(
            w,
            "<details><summary><b>{}</b> <code>{}</code> {} ({} failed)</summary><p>{}</p><p><b>Fix:</b> {}</p>{}</details>",
            c.severity,
            esc(&c.id),
            esc(&c.title),
            c.counts.get(&Status::Fail).copied().unwrap_or(0),
            esc(&c.rationale),
            esc(&c.remediation),
            if c.remediation_cli.is_empty() {
                String::new()
            } else {
                format!("<p><code>{}</code></p>", esc(&c.remediation_cli))
            }
        )?;
    }
    writeln!(w, "<script>{SCRIPT}</script></body></html>")
}
