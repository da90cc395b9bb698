extension DefaultTheme {
    static let layout = #"""
<!doctype html>
<html lang="{{site.language}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{$title}}{{page.title}} · {{site.title}}{{/title}}</title>
{{#page.description}}<meta name="description" content="{{page.description}}">
{{/page.description}}<link rel="stylesheet" href="{{site.base}}assets/style.css">
<link rel="alternate" type="application/atom+xml" title="{{site.title}}: timeline" href="{{site.base}}feed.xml">
<link rel="canonical" href="{{page.canonical}}">
</head>
<body class="kind-{{page.kind}}">
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="{{site.base}}">{{site.title}}</a>{{#site.asOf}} <span class="as-of">As of <time datetime="{{site.asOfISO}}">{{site.asOf}}</time></span>{{/site.asOf}}
<nav aria-label="Sections"><ul>
{{#nav}}<li><a href="{{url}}"{{#current}} aria-current="page"{{/current}}>{{title}}</a></li>
{{/nav}}</ul></nav>
</div>
</header>
<main id="main" class="wrap">
{{$main}}{{/main}}
<aside class="cite" aria-label="Cite this page">
<p><strong>Cite this page:</strong> {{^page.isHome}}“{{page.title}}”, {{/page.isHome}}{{site.title}}, <a href="{{page.canonical}}">{{page.canonical}}</a>{{#site.asOf}}, as of {{site.asOf}}{{/site.asOf}}.</p>
{{#site.disclaimer}}<p class="disclaimer">{{site.disclaimer}}</p>{{/site.disclaimer}}
</aside>
</main>
<footer class="site-footer">
<div class="wrap">
{{$footer}}<p>{{site.title}}{{#site.description}} — {{site.description}}{{/site.description}}</p>
<p><a href="{{site.base}}changes/">What changed</a> · <a href="{{site.base}}feed.xml">Atom feed</a> · <a href="{{site.base}}sitemap.xml">Sitemap</a> · Built with briefgen</p>{{/footer}}
</div>
</footer>
</body>
</html>

"""#

    static let backlinks = #"""
{{#hasBacklinks}}
<section class="backlinks" aria-labelledby="backlinks-heading">
<h2 id="backlinks-heading">What links here</h2>
{{#backlinks}}
<h3>{{title}}</h3>
<ul>
{{#items}}<li><a href="{{url}}">{{title}}</a>{{#how}} <span class="how">{{how}}</span>{{/how}}</li>
{{/items}}</ul>
{{/backlinks}}
</section>
{{/hasBacklinks}}

"""#

    static let toc = #"""
{{#hasToc}}
<nav class="toc" aria-labelledby="toc-heading">
<h2 id="toc-heading">On this page</h2>
<ol>
{{#toc}}<li class="toc-l{{level}}"><a href="#{{id}}">{{text}}</a></li>
{{/toc}}</ol>
</nav>
{{/hasToc}}

"""#

    static let eventItem = #"""
<li class="event{{#isDisputed}} is-disputed{{/isDisputed}}" id="{{slug}}">
<time class="date precision-{{date.precision}}" datetime="{{date.iso}}">{{date.display}}</time>
<div class="event-body">
<a class="event-title" href="{{url}}">{{title}}</a>{{#disputes}} <a class="badge badge-disputed" href="{{url}}">disputed: {{question}}</a>{{/disputes}}{{^date.exact}} <span class="badge">{{date.precisionLabel}}</span>{{/date.exact}}
{{#summary}}<p class="summary">{{summary}}</p>{{/summary}}
{{#hasActors}}<div class="meta"><span class="label">Actors</span> <ul class="inline">{{#actors}}<li><a href="{{url}}">{{title}}</a></li>{{/actors}}</ul></div>{{/hasActors}}
{{#hasSources}}<div class="meta"><span class="label">Sources</span> <ul class="inline">{{#sources}}<li><a href="{{url}}" title="{{title}}">{{short}}</a></li>{{/sources}}</ul> <span class="badge badge-weight{{#singleSource}} single{{/singleSource}}">{{weight}}</span></div>{{/hasSources}}
</div>
</li>

"""#

    static let notFound = #"""
{{<layout}}
{{$main}}
<h1>Page not found</h1>
<p>There is no page at this address. It may have been renamed or removed.</p>
<ul>
<li><a href="{{site.base}}">Home: the briefing at a glance</a></li>
<li><a href="{{site.base}}timeline/">Timeline of events</a></li>
<li><a href="{{site.base}}actors/">Actors</a></li>
<li><a href="{{site.base}}articles/">Sources</a></li>
</ul>
{{/main}}
{{/layout}}

"""#
}
