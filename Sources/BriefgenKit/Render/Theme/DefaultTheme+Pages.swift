extension DefaultTheme {
    static let home = #"""
{{<layout}}
{{$title}}{{site.title}}{{/title}}
{{$main}}
<header class="page-head">
<h1>{{site.title}}</h1>
{{#site.description}}<p class="lede">{{site.description}}</p>{{/site.description}}
{{#hasStatus}}<section class="status" aria-labelledby="status">
<h2 id="status">{{#site.asOf}}As of <time datetime="{{site.asOfISO}}">{{site.asOf}}</time>{{/site.asOf}}{{^site.asOf}}Where things stand{{/site.asOf}}</h2>
{{#hasKeyPoints}}<ul class="key-points">{{#status}}<li>{{.}}</li>{{/status}}</ul>{{/hasKeyPoints}}
{{#site.author}}<p class="byline muted">By {{site.author}}</p>{{/site.author}}
</section>{{/hasStatus}}
{{#story}}<section class="story" aria-labelledby="story">
<h2 id="story"><a href="{{url}}">{{title}}</a></h2>
<div class="prose">{{{body}}}</div>
</section>{{/story}}
<p class="stats">{{counts.eventsText}} · {{counts.actorsText}} · {{counts.sourcesText}}{{#hasDisputes}} · <a href="{{site.base}}disputes/">{{disputeCountText}}</a>{{/hasDisputes}}</p>
</header>
<div class="columns">
<section class="col-main" aria-labelledby="latest">
<h2 id="latest">Latest events</h2>
{{#hasEvents}}<ol class="events">
{{#latestEvents}}{{>event-item}}{{/latestEvents}}</ol>
<p class="more"><a href="{{site.base}}timeline/">Full timeline →</a></p>{{/hasEvents}}
{{^hasEvents}}<p>No events yet.</p>{{/hasEvents}}
</section>
<aside class="col-side">
{{#hasNotes}}<section aria-labelledby="analysis">
<h2 id="analysis">Analysis</h2>
<ul class="cards">
{{#notes}}<li><a href="{{url}}">{{title}}</a>{{#summary}}<p>{{summary}}</p>{{/summary}}</li>
{{/notes}}</ul>
</section>{{/hasNotes}}
{{#hasTakeaways}}<section aria-labelledby="takeaways">
<h2 id="takeaways">What it means for you</h2>
<ul class="cards">
{{#takeaways}}<li><a href="{{url}}">{{title}}</a>{{#summary}}<p>{{summary}}</p>{{/summary}}</li>
{{/takeaways}}</ul>
</section>{{/hasTakeaways}}
{{#hasActors}}<section aria-labelledby="key-actors">
<h2 id="key-actors">Key actors</h2>
<ul class="plain">
{{#keyActors}}<li><a href="{{url}}">{{title}}</a>{{#kind}} <span class="badge">{{kind}}</span>{{/kind}}</li>
{{/keyActors}}</ul>
<p class="more"><a href="{{site.base}}actors/">All actors →</a></p>
</section>{{/hasActors}}
{{#hasSources}}<section aria-labelledby="sources">
<h2 id="sources">Sources</h2>
<ul class="plain">
{{#sources}}<li><a href="{{url}}">{{title}}</a> <span class="muted">{{outlet}}{{#date}} · {{date}}{{/date}}</span></li>
{{/sources}}</ul>
<p class="more"><a href="{{site.base}}articles/">All sources →</a></p>
</section>{{/hasSources}}
</aside>
</div>
{{/main}}
{{/layout}}

"""#

    static let timeline = #"""
{{<layout}}
{{$main}}
<h1>Timeline</h1>
<p class="lede">Every event in date order, shown only as precisely as the sources date it.</p>
{{^hasEvents}}<p>No events yet.</p>{{/hasEvents}}
{{#years}}
<section class="year" aria-labelledby="y{{year}}">
<h2 id="y{{year}}">{{yearLabel}}</h2>
{{#months}}
<h3 id="{{id}}">{{label}}</h3>
<ol class="events">
{{#events}}{{>event-item}}{{/events}}</ol>
{{/months}}
</section>
{{/years}}
{{/main}}
{{/layout}}

"""#

    static let actors = #"""
{{<layout}}
{{$main}}
<h1>Actors</h1>
<p class="lede">The people, companies, governments, organisations and models in this story.</p>
{{#groups}}
<section aria-labelledby="g-{{id}}">
<h2 id="g-{{id}}">{{title}}</h2>
<ul class="cards">
{{#actors}}<li><a href="{{url}}">{{title}}</a>{{#aliases}} <span class="muted">also {{aliases}}</span>{{/aliases}}{{#summary}}<p>{{summary}}</p>{{/summary}}</li>
{{/actors}}</ul>
</section>
{{/groups}}
{{/main}}
{{/layout}}

"""#

    static let actor = #"""
{{<layout}}
{{$main}}
<article class="entity">
<header class="page-head">
<p class="kicker">{{#actor.kind}}{{actor.kind}}{{/actor.kind}}{{^actor.kind}}actor{{/actor.kind}}{{#actor.country}} · {{actor.country}}{{/actor.country}}</p>
<h1>{{actor.title}}</h1>
{{#actor.aliases}}<p class="muted">Also called {{actor.aliases}}</p>{{/actor.aliases}}
{{#actor.affiliation}}<p>Part of <a href="{{url}}">{{title}}</a></p>{{/actor.affiliation}}
{{#actor.summary}}<p class="lede">{{actor.summary}}</p>{{/actor.summary}}
</header>
{{>toc}}
<div class="prose">{{{body}}}</div>
{{#hasEvents}}<section aria-labelledby="events">
<h2 id="events">Events</h2>
<ol class="events">
{{#events}}{{>event-item}}{{/events}}</ol>
</section>{{/hasEvents}}
{{#hasMentions}}<section aria-labelledby="mentions">
<h2 id="mentions">Mentioned in</h2>
<ul class="mentions">
{{#mentions}}<li><a href="{{source.url}}">{{source.title}}</a> <span class="muted">{{source.kind}} · {{count}}</span>
<ul>{{#items}}<li><a class="snippet" href="{{url}}">{{#quoted}}“{{snippet}}”{{/quoted}}{{^quoted}}{{snippet}}{{/quoted}}</a></li>{{/items}}</ul>
{{#more}}<details><summary class="muted">{{more}}</summary><ul>{{#moreItems}}<li><a class="snippet" href="{{url}}">{{#quoted}}“{{snippet}}”{{/quoted}}{{^quoted}}{{snippet}}{{/quoted}}</a></li>{{/moreItems}}</ul></details>{{/more}}
</li>
{{/mentions}}</ul>
</section>{{/hasMentions}}
{{#hasAlongside}}<section aria-labelledby="alongside">
<h2 id="alongside">Often mentioned alongside</h2>
<ul class="inline">{{#alongside}}<li><a href="{{url}}">{{title}}</a> <span class="muted">({{count}})</span></li>{{/alongside}}</ul>
</section>{{/hasAlongside}}
{{>backlinks}}
</article>
{{/main}}
{{/layout}}

"""#

    static let articles = #"""
{{<layout}}
{{$main}}
<h1>Sources</h1>
<p class="lede">The articles this briefing is built on. Each claim on the site links back to the paragraph it comes from.</p>
<ul class="cards">
{{#sources}}<li><a href="{{url}}">{{title}}</a> <span class="muted">{{outlet}}{{#date}} · {{date}}{{/date}}</span>{{#excerpt}}<p>{{excerpt}}</p>{{/excerpt}}</li>
{{/sources}}</ul>
{{/main}}
{{/layout}}

"""#

    static let article = #"""
{{<layout}}
{{$main}}
<article class="source">
<header class="page-head">
<p class="kicker">Source</p>
<h1>{{article.title}}</h1>
<dl class="facts">
<dt>Outlet</dt><dd>{{article.outlet}}</dd>
{{#article.author}}<dt>Author</dt><dd>{{article.author}}</dd>{{/article.author}}
<dt>Published</dt><dd>{{#article.published}}{{article.published}}{{/article.published}}{{^article.published}}Date not given{{/article.published}}</dd>
{{#article.url}}<dt>Original</dt><dd><a href="{{article.url}}" rel="nofollow noopener noreferrer">{{article.url}}</a></dd>{{/article.url}}
</dl>
</header>
{{#hasSections}}<aside class="takeaway" aria-labelledby="takeaway">
<h2 id="takeaway">What the article says it means for you</h2>
{{#sections}}<p><strong>{{label}}</strong> {{text}} <a href="{{url}}">(¶)</a></p>{{/sections}}
</aside>{{/hasSections}}
{{>toc}}
<div class="prose article-text">{{{body}}}</div>
{{#hasActorsMentioned}}<section aria-labelledby="named">
<h2 id="named">Actors named</h2>
<ul class="inline">{{#actorsMentioned}}<li><a href="{{url}}">{{title}}</a>{{#count}} <span class="muted">({{count}})</span>{{/count}}</li>{{/actorsMentioned}}</ul>
</section>{{/hasActorsMentioned}}
{{#hasCitedBy}}<section aria-labelledby="cited">
<h2 id="cited">Events citing this source</h2>
<ol class="events">
{{#citedBy}}{{>event-item}}{{/citedBy}}</ol>
</section>{{/hasCitedBy}}
{{>backlinks}}
</article>
{{/main}}
{{/layout}}

"""#

    static let event = #"""
{{<layout}}
{{$main}}
<article class="entity">
<header class="page-head">
<p class="kicker"><a href="{{site.base}}timeline/#{{event.slug}}">Timeline</a> · <time datetime="{{event.date.iso}}">{{event.date.display}}</time>{{^event.date.exact}} <span class="badge">{{event.date.precisionLabel}}</span>{{/event.date.exact}}</p>
<h1>{{event.title}}</h1>
{{#event.summary}}<p class="lede">{{event.summary}}</p>{{/event.summary}}
{{#event.hasActors}}<div class="meta"><span class="label">Actors</span> <ul class="inline">{{#event.actors}}<li><a href="{{url}}">{{title}}</a></li>{{/event.actors}}</ul></div>{{/event.hasActors}}
{{#event.hasSources}}<div class="meta"><span class="label">Sources</span> <ul class="inline">{{#event.sources}}<li><a href="{{url}}" title="{{title}}">{{short}}</a></li>{{/event.sources}}</ul> <span class="badge badge-weight{{#event.singleSource}} single{{/event.singleSource}}">{{event.weight}}</span></div>{{/event.hasSources}}
</header>
{{#hasDisputes}}<section class="disputes" aria-labelledby="disputed">
<h2 id="disputed">The sources disagree</h2>
{{#disputes}}<div class="dispute" id="{{id}}">
<h3>{{question}}</h3>
<ul>{{#answers}}<li><strong>{{says}}</strong> <span class="muted">—</span> <ul class="inline">{{#sources}}<li><a href="{{url}}" title="{{title}}">{{short}}</a></li>{{/sources}}</ul> <span class="badge badge-weight{{#singleSource}} single{{/singleSource}}">{{weight}}</span></li>{{/answers}}</ul>
</div>{{/disputes}}
</section>{{/hasDisputes}}
{{>toc}}
<div class="prose">{{{body}}}</div>
{{>backlinks}}
</article>
{{/main}}
{{/layout}}

"""#

    static let businessIndex = #"""
{{<layout}}
{{$main}}
<h1>What this means for your business</h1>
<p class="lede">Practical consequences by sector and role, then what the sources themselves say.</p>
<ul class="cards">
{{#pages}}<li><a href="{{url}}">{{title}}</a>{{#audience}} <span class="muted">for {{audience}}</span>{{/audience}}{{#summary}}<p>{{summary}}</p>{{/summary}}</li>
{{/pages}}</ul>
{{#hasSourceSections}}<section aria-labelledby="sources-say">
<h2 id="sources-say">What the sources say it means for you</h2>
{{#sourceSections}}<blockquote class="cited">
<p>{{text}}</p>
<footer>{{heading}} — <a href="{{url}}">{{source.title}}</a></footer>
</blockquote>
{{/sourceSections}}
</section>{{/hasSourceSections}}
{{/main}}
{{/layout}}

"""#

    static let business = #"""
{{<layout}}
{{$main}}
<article class="entity">
<header class="page-head">
<p class="kicker"><a href="{{site.base}}business/">What this means for you</a>{{#business.audience}} · for {{business.audience}}{{/business.audience}}</p>
<h1>{{business.title}}</h1>
{{#business.summary}}<p class="lede">{{business.summary}}</p>{{/business.summary}}
</header>
{{#business.hasActions}}<section class="actions" aria-labelledby="actions">
<h2 id="actions">What to do now</h2>
<ol class="action-list">{{#business.actions}}<li>{{#priority}}<span class="badge priority priority-{{priority}}">{{priority}} priority</span> {{/priority}}{{text}}{{#hasDetails}}<dl class="action-facts">{{#owner}}<dt>Who</dt><dd>{{owner}}</dd>{{/owner}}{{#when}}<dt>When</dt><dd>{{when}}</dd>{{/when}}{{#rule}}<dt>Rule or guidance</dt><dd>{{rule}}</dd>{{/rule}}</dl>{{/hasDetails}}</li>
{{/business.actions}}</ol>
</section>{{/business.hasActions}}
{{>toc}}
<div class="prose">{{{body}}}</div>
{{#business.hasRelated}}<div class="meta"><span class="label">Related</span> <ul class="inline">{{#business.related}}<li><a href="{{url}}">{{title}}</a></li>{{/business.related}}</ul></div>{{/business.hasRelated}}
{{>backlinks}}
</article>
{{/main}}
{{/layout}}

"""#

    static let notes = #"""
{{<layout}}
{{$main}}
<h1>Notes</h1>
<p class="lede">Analysis notes.</p>
<ul class="cards">
{{#notes}}<li><a href="{{url}}">{{title}}</a>{{#excerpt}}<p>{{excerpt}}</p>{{/excerpt}}</li>
{{/notes}}</ul>
{{/main}}
{{/layout}}

"""#

    static let note = #"""
{{<layout}}
{{$main}}
<article class="entity">
<header class="page-head">
<p class="kicker"><a href="{{site.base}}notes/">Note</a></p>
<h1>{{note.title}}</h1>
</header>
{{>toc}}
<div class="prose">{{{body}}}</div>
{{#note.hasRelated}}<div class="meta"><span class="label">Related</span> <ul class="inline">{{#note.related}}<li><a href="{{url}}">{{title}}</a></li>{{/note.related}}</ul></div>{{/note.hasRelated}}
{{>backlinks}}
</article>
{{/main}}
{{/layout}}

"""#

    static let disputes = #"""
{{<layout}}
{{$main}}
<h1>Disputed facts</h1>
<p class="lede">Where the sources disagree, each side is shown with who says it. Nothing here is settled by us.</p>
{{^hasItems}}<p>No disputed facts recorded.</p>{{/hasItems}}
{{#items}}<section class="dispute-group" id="{{event.slug}}">
<h2><a href="{{event.url}}">{{event.title}}</a> <span class="muted">{{event.date}}</span></h2>
{{#questions}}<div class="dispute" id="{{id}}">
<h3>{{question}}</h3>
<ul>{{#answers}}<li><strong>{{says}}</strong> <span class="muted">—</span> <ul class="inline">{{#sources}}<li><a href="{{url}}" title="{{title}}">{{short}}</a></li>{{/sources}}</ul> <span class="badge badge-weight{{#singleSource}} single{{/singleSource}}">{{weight}}</span></li>{{/answers}}</ul>
</div>{{/questions}}
</section>
{{/items}}
{{#hasDiffering}}<section class="differing" id="sources-differ" aria-labelledby="sources-differ-heading">
<h2 id="sources-differ-heading">Where the sources differ</h2>
<p class="muted">Facts marked on more than one event, with the different values their sources give.</p>
{{#differing}}<div class="dispute">
<h3>{{fact}}</h3>
<ul>{{#values}}<li><strong>{{value}}</strong> <span class="muted">—</span> {{#events}}<a href="{{event.url}}">{{event.title}}</a> (<ul class="inline">{{#sources}}<li><a href="{{url}}" title="{{title}}">{{short}}</a></li>{{/sources}}</ul>) {{/events}}</li>{{/values}}</ul>
</div>{{/differing}}
</section>{{/hasDiffering}}
{{#hasSingleSourced}}<section class="single-sourced" id="single-source" aria-labelledby="single-source-heading">
<h2 id="single-source-heading">What rests on a single source</h2>
<p class="muted">Events, and sides of a dispute, that only one of the sources reports. Treat them with more care.</p>
<ul class="plain">{{#singleSourced}}<li><a href="{{event.url}}">{{event.title}}</a> <span class="muted">{{event.date.display}}</span>{{#eventSingle}} — the event itself: <a href="{{source.url}}" title="{{source.title}}">{{source.short}}</a>{{/eventSingle}}
{{#hasSides}}<ul>{{#sides}}<li><a href="{{url}}">{{question}}</a> {{says}} <span class="muted">—</span> <a href="{{source.url}}" title="{{source.title}}">{{source.short}}</a></li>{{/sides}}</ul>{{/hasSides}}</li>
{{/singleSourced}}</ul>
</section>{{/hasSingleSourced}}
{{/main}}
{{/layout}}

"""#
}

extension DefaultTheme {
    static let changes = #"""
{{<layout}}
{{$main}}
<h1>What changed</h1>
<p class="lede">Edits to this briefing, newest first, from its history. Follow them in a feed reader: <a href="{{site.base}}changes.xml">Atom feed of changes</a>.</p>
{{^hasHistory}}<p>No history is available: the site is not kept in a git repository.</p>{{/hasHistory}}
{{#hasHistory}}{{^hasChanges}}<p>No changes to the briefing are recorded yet.</p>{{/hasChanges}}{{/hasHistory}}
<ol class="changes">
{{#changes}}<li id="{{id}}"><time datetime="{{date}}">{{date}}</time> <strong>{{subject}}</strong>
<ul class="inline">{{#pages}}<li>{{#url}}<a href="{{url}}">{{title}}</a>{{/url}}{{^url}}{{title}}{{/url}} <span class="muted">{{status}}</span></li>{{/pages}}</ul></li>
{{/changes}}</ol>
{{/main}}
{{/layout}}

"""#
}
