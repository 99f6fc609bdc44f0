"""The Atom feed of a finder view: /case-studies/feed/?<the same filter>."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from casestudies.finder import exports
from casestudies.finder.filters import case_study_filter
from casestudies.finder.page import query_string
from casestudies.finder.wording import describe


class CaseStudyFeed(Feed):
    feed_type = Atom1Feed
    # RFC 4287 wants an author on the feed or on every entry: entries name their publisher
    # only where one is known, so the feed names who publishes the toolkit.
    author_name = "Health Education England"

    def get_object(self, request):
        finder = case_study_filter(request.GET)
        query = query_string(finder)
        return {
            "finder": finder,
            "query": f"?{query}" if query else "",
            "items": exports.feed_items(finder),
        }

    def title(self, obj):
        words = describe(obj["finder"], len(obj["items"]))
        return f"Case studies – AHP toolkit: {words}"

    def link(self, obj):
        return reverse("casestudies:list") + obj["query"]

    def feed_url(self, obj):
        return reverse("casestudies:feed") + obj["query"]

    def subtitle(self, obj):
        return (
            "Real-life examples of AHPs making a difference in mental health, learning "
            f"disability and autism settings: the newest {exports.FEED_ITEMS} that match."
        )

    def items(self, obj):
        return obj["items"]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return exports.plain_text(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.publisher or None

    def item_categories(self, item):
        return [t.name for t in item.professions_list + item.outcomes_list + item.settings_list]
