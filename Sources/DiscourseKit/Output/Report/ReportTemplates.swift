import Mustache

/// The report's built-in Mustache templates: one self-contained HTML page (its stylesheet
/// inline, its charts inline SVG, no script and no network access) and a Markdown file with
/// the same tables. `discourse report DIR --template FILE` renders another template from the
/// same view; both can use the partial `{{> table}}`.
enum ReportTemplates {
    /// Registers the Markdown content type, whose escaping keeps table cells in one piece.
    static func registerContentTypes() {
        MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
    }

    struct MarkdownContentType: MustacheContentType {
        func escapeText(_ text: String) -> String {
            var out = ""
            for character in text {
                switch character {
                case "\\", "|", "*", "_", "`", "[", "]": out += "\\" + String(character)
                case "<": out += "&lt;"
                case "\n", "\r", "\r\n": out += " "
                default: out.append(character)
                }
            }
            return out
        }
    }

    static let htmlTable = """
        <table>
        <caption>{{caption}} <span class="source">Source: <code>{{source}}</code></span></caption>
        <thead><tr>{{#columns}}<th{{#numeric}} class="num"{{/numeric}}>{{name}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}
        <tr>{{#cells}}<td{{#numeric}} class="num" data-value="{{value}}"{{/numeric}}>{{text}}</td>{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{#empty}}<p class="none">No rows.</p>{{/empty}}

        """

    static let markdownTable = """
        {{% CONTENT_TYPE: MARKDOWN}}
        **{{caption}}** (source: `{{{source}}}`)

        |{{#columns}} {{name}} |{{/columns}}
        |{{#columns}} {{#numeric}}--:{{/numeric}}{{^numeric}}---{{/numeric}} |{{/columns}}
        {{#rows}}
        |{{#cells}} {{text}} |{{/cells}}
        {{/rows}}
        {{#empty}}

        No rows.
        {{/empty}}

        """

    static let style = """
        body { font-family: 'Noto Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', system-ui, sans-serif; color: #222; max-width: 1340px; margin: 0 auto; padding: 0 24px 48px; line-height: 1.45; }
        header { border-bottom: 2px solid #1f4e79; margin-bottom: 8px; }
        h1 { font-size: 1.7em; margin: 24px 0 4px; color: #1f4e79; }
        h2 { font-size: 1.3em; margin-top: 36px; border-bottom: 1px solid #ccc; color: #1f4e79; }
        h3 { font-size: 1.08em; margin-top: 24px; }
        h4 { margin: 16px 0 4px; }
        .subtitle { color: #555; margin: 0 0 8px; }
        nav { margin: 8px 0 12px; font-size: 0.92em; }
        nav a { color: #1f4e79; margin-right: 14px; text-decoration: none; }
        figure { margin: 12px 0; }
        figcaption { font-size: 0.92em; color: #333; }
        .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 8px 24px; }
        .pair { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 8px 24px; }
        svg { max-width: 100%; height: auto; }
        svg .series { fill: none; stroke: #1f5fa8; stroke-width: 1.6; }
        svg .trend { fill: none; stroke: #c0392b; stroke-width: 1.4; stroke-dasharray: 5 3; }
        svg .point { fill: #1f5fa8; }
        svg .grid { stroke: #e4e4e4; }
        svg .axis { stroke: #777; }
        svg .tick, svg .label, svg .axis-title { fill: #444; }
        svg .bar { fill: #6b8fc4; }
        svg .bar.over { fill: #2f6db3; }
        svg .bar.under { fill: #c8693e; }
        .note { font-size: 0.88em; color: #444; margin: 2px 0 10px; }
        .source, .none { font-size: 0.86em; color: #666; }
        table { border-collapse: collapse; margin: 10px 0 18px; font-size: 0.9em; }
        caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
        caption .source { font-weight: normal; margin-left: 8px; }
        th, td { padding: 3px 9px; border-bottom: 1px solid #e2e2e2; text-align: left; vertical-align: top; }
        th { border-bottom: 1px solid #999; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        table.kwic td.left { text-align: right; color: #444; }
        table.kwic td.match { font-weight: 600; color: #1f4e79; white-space: nowrap; }
        table.kwic td.doc { color: #777; font-size: 0.9em; white-space: nowrap; }
        dt { font-weight: 600; margin-top: 6px; }
        dd { margin-left: 18px; }
        cite { color: #555; }
        details summary { cursor: pointer; color: #1f4e79; }
        code { font-size: 0.92em; }
        @media print { .charts, .pair { grid-template-columns: 1fr 1fr; } nav { display: none; } }
        """

    static let html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>{{title}}</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <header>
        <h1>{{title}}</h1>
        <p class="subtitle">{{subtitle}}</p>
        <nav><a href="#overview">Corpus</a><a href="#tracked-terms">Tracked terms</a><a href="#risers-fallers">Risers and fallers</a><a href="#new-terms">New terms</a><a href="#keyness">Keyness</a><a href="#collocates">Collocates</a><a href="#concordance">Concordance</a><a href="#methods">Methods</a></nav>
        </header>

        <section id="overview">
        <h2>The corpus at a glance</h2>
        {{#overview}}
        <h3>By {{field}} ({{groups}})</h3>
        <div class="pair">
        <figure>{{{tokensChart}}}<figcaption>Tokens per group. Source: <code>{{source}}</code></figcaption></figure>
        <figure>{{{documentsChart}}}<figcaption>Documents per group. Source: <code>{{source}}</code></figcaption></figure>
        </div>
        <details><summary>The table</summary>
        {{#table}}{{> table}}{{/table}}
        </details>
        {{/overview}}
        </section>

        <section id="tracked-terms">
        <h2>Tracked terms</h2>
        {{^hasTracked}}<p class="none">This study tracks no terms (a trends analysis with track).</p>{{/hasTracked}}
        {{#tracked}}
        <h3>Trends {{label}}</h3>
        <p class="source">Per million tokens by group, in diachronic order; a line joins adjacent groups only, so gaps show; the dashed line is Sen's slope, drawn where the Mann–Kendall q is below 0.05. Source: <code>{{source}}</code>, <code>{{statsSource}}</code></p>
        <div class="charts">
        {{#terms}}
        <figure class="term"><figcaption><strong>{{term}}</strong></figcaption>{{{chart}}}<p class="note">{{note}}</p></figure>
        {{/terms}}
        </div>
        {{#table}}{{> table}}{{/table}}
        {{/tracked}}
        </section>

        <section id="risers-fallers">
        <h2>Risers and fallers</h2>
        {{^hasMovers}}<p class="none">This study has no trends analysis.</p>{{/hasMovers}}
        {{#movers}}
        <h3>Trends {{label}}</h3>
        <p class="source">{{significant}} of {{tested}} terms have a Mann–Kendall q below 0.05; the strongest by tau-b. Source: <code>{{source}}</code></p>
        {{#risers}}{{> table}}{{/risers}}
        {{#fallers}}{{> table}}{{/fallers}}
        {{/movers}}
        </section>

        <section id="new-terms">
        <h2>Terms that appear and stay</h2>
        {{^hasNewTerms}}<p class="none">This study has no compare analysis.</p>{{/hasNewTerms}}
        {{#newTerms}}
        <h3>Compare {{label}}</h3>
        <p class="source">{{staying}} terms first appear after the first group and occur in at least three quarters of the later groups (and in two or more); the 25 most frequent in their first group, in group order. Source: <code>{{source}}</code></p>
        {{#table}}{{> table}}{{/table}}
        {{/newTerms}}
        </section>

        <section id="keyness">
        <h2>Keyness of the latest group</h2>
        {{^hasKeyness}}<p class="none">This study has no keyness analysis.</p>{{/hasKeyness}}
        {{#keyness}}
        <h3>{{comparison}} <span class="source">(keyness {{label}})</span></h3>
        <p class="source">{{significant}} of {{tested}} terms tested have q below 0.05; the 15 most over-used (blue) and under-used (orange) by G². Source: <code>{{source}}</code></p>
        <figure>{{{chart}}}<figcaption>Log ratio of the term's relative frequency in the target to that in the reference. Source: <code>{{source}}</code></figcaption></figure>
        {{#table}}{{> table}}{{/table}}
        {{/keyness}}
        </section>

        <section id="collocates">
        <h2>Collocates gained and lost</h2>
        {{^hasCollocates}}<p class="none">This study has no collocates analysis.</p>{{/hasCollocates}}
        {{#collocates}}
        <h3>Collocates {{label}}</h3>
        <p class="source">Each node's strongest collocates in the latest group by {{sort}}, and the latest changes in its top collocates between consecutive groups. Source: <code>{{source}}</code>{{#changesSource}}, <code>{{changesSource}}</code>{{/changesSource}}</p>
        {{^hasNodes}}<p class="none">No node of this analysis occurs in the corpus.</p>{{/hasNodes}}
        {{#nodes}}
        <h4>{{node}}</h4>
        <div class="pair">
        <div>{{#top}}{{> table}}{{/top}}</div>
        <div>{{#hasChanges}}{{#table}}{{> table}}{{/table}}{{/hasChanges}}</div>
        </div>
        {{/nodes}}
        {{/collocates}}
        </section>

        <section id="concordance">
        <h2>Concordance</h2>
        {{^hasConcordance}}<p class="none">This study has no kwic analysis.</p>{{/hasConcordance}}
        {{#concordance}}
        <h3>Concordance {{label}}</h3>
        <p class="source">A few lines of each tracked term from the first and the latest group where it occurs. Source: <code>{{source}}</code></p>
        {{#terms}}
        <h4>{{term}} <span class="source">({{linesText}} in the table)</span></h4>
        {{#groups}}
        <table class="kwic">
        <caption>{{group}}</caption>
        <tbody>
        {{#lines}}
        <tr><td class="left">{{left}}</td><td class="match">{{match}}</td><td class="right">{{right}}</td><td class="doc">{{doc}}</td></tr>
        {{/lines}}
        </tbody>
        </table>
        {{/groups}}
        {{/terms}}
        {{/concordance}}
        </section>

        <section id="methods">
        <h2>Methods</h2>
        {{#methods}}
        {{#paragraphs}}
        <p>{{.}}</p>
        {{/paragraphs}}
        <h3>Statistics</h3>
        <dl>
        {{#statistics}}
        <dt>{{name}}</dt><dd>{{definition}}. <cite>{{source}}</cite></dd>
        {{/statistics}}
        </dl>
        <h3>Options of each analysis</h3>
        {{#analyses}}
        <h4>{{analysis}} {{label}}</h4>
        <dl>
        {{#options}}
        <dt>{{key}}</dt><dd>{{value}}</dd>
        {{/options}}
        </dl>
        <p class="source">Files: {{files}}</p>
        {{/analyses}}
        {{/methods}}
        </section>
        </body>
        </html>

        """

    static let markdown = """
        {{% CONTENT_TYPE: MARKDOWN}}
        # {{title}}

        {{subtitle}}

        The charts are in report.html; this file carries the same tables. Every table names the CSV file it comes from.

        ## The corpus at a glance

        {{#overview}}
        ### By {{field}} ({{groups}})

        {{#table}}{{> table}}{{/table}}
        {{/overview}}
        ## Tracked terms

        {{^hasTracked}}
        This study tracks no terms.

        {{/hasTracked}}
        {{#tracked}}
        ### Trends {{label}}

        {{#terms}}
        - **{{term}}**: {{note}}
        {{/terms}}

        {{#table}}{{> table}}{{/table}}
        {{/tracked}}
        ## Risers and fallers

        {{^hasMovers}}
        This study has no trends analysis.

        {{/hasMovers}}
        {{#movers}}
        ### Trends {{label}}

        {{significant}} of {{tested}} terms have a Mann–Kendall q below 0.05.

        {{#risers}}{{> table}}{{/risers}}
        {{#fallers}}{{> table}}{{/fallers}}
        {{/movers}}
        ## Terms that appear and stay

        {{^hasNewTerms}}
        This study has no compare analysis.

        {{/hasNewTerms}}
        {{#newTerms}}
        ### Compare {{label}}

        {{#table}}{{> table}}{{/table}}
        {{/newTerms}}
        ## Keyness of the latest group

        {{^hasKeyness}}
        This study has no keyness analysis.

        {{/hasKeyness}}
        {{#keyness}}
        ### {{comparison}} (keyness {{label}})

        {{significant}} of {{tested}} terms tested have q below 0.05.

        {{#table}}{{> table}}{{/table}}
        {{/keyness}}
        ## Collocates gained and lost

        {{^hasCollocates}}
        This study has no collocates analysis.

        {{/hasCollocates}}
        {{#collocates}}
        ### Collocates {{label}}

        {{^hasNodes}}
        No node of this analysis occurs in the corpus.

        {{/hasNodes}}
        {{#nodes}}
        #### {{node}}

        {{#top}}{{> table}}{{/top}}
        {{#hasChanges}}{{#table}}{{> table}}{{/table}}{{/hasChanges}}
        {{/nodes}}
        {{/collocates}}
        ## Concordance

        {{^hasConcordance}}
        This study has no kwic analysis.

        {{/hasConcordance}}
        {{#concordance}}
        ### Concordance {{label}} (source: `{{{source}}}`)

        {{#terms}}
        #### {{term}} ({{linesText}} in the table)

        {{#groups}}
        | {{group}} | | | |
        |--:|:-:|:--|---|
        {{#lines}}
        | {{left}} | **{{match}}** | {{right}} | {{doc}} |
        {{/lines}}

        {{/groups}}
        {{/terms}}
        {{/concordance}}
        ## Methods

        {{#methods}}
        {{#paragraphs}}
        {{.}}

        {{/paragraphs}}
        ### Statistics

        {{#statistics}}
        - **{{name}}**: {{definition}}. {{source}}
        {{/statistics}}

        ### Options of each analysis

        {{#analyses}}
        - **{{analysis}} {{label}}** ({{files}}): {{#options}}{{key}} = {{value}}; {{/options}}
        {{/analyses}}
        {{/methods}}

        """
}
