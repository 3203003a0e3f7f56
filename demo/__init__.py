"""The bundled demo and the loopback servers that stand in for Reddit, YouTube and forums.

The same fake servers serve `listenpost demo` and the tests: they answer in the real services'
JSON shapes from a *world*, a plain dict written for the project (demo/world.json for the
demo, small literals in tests):

    {
      "brand": {"name": str, "queries": [str], "accounts": {"reddit": [..], "youtube": [..],
                "forum": [..]}},
      "reddit": {
        "submissions": [{"id", "subreddit", "author", "title", "selftext", "created_utc",
                         "score", "url"?, "is_self"?}],
        "comments": [{"id", "link_id" (submission id, no prefix), "parent_id" (fullname,
                      t3_... or t1_...), "author", "body", "created_utc", "score"}]
      },
      "youtube": {
        "channels": [{"id", "title"}],
        "videos": [{"id", "channel_id", "title", "description", "published_at" (ISO 8601 Z),
                    "view_count", "like_count", "comment_count"?}],
        "comments": [{"id", "video_id", "parent_id" (null for a top-level comment),
                      "author_channel_id", "author_display_name", "text", "published_at",
                      "like_count"}]
      },
      "forum": {
        "categories": [{"id", "name", "slug"}],
        "topics": [{"id", "slug", "title", "category_id", "created_at",
                    "accepted_answer_post"? (the accepted post's post_number),
                    "posts": [{"id", "post_number", "username", "name"?, "cooked" (HTML),
                               "created_at", "reply_to_post_number"?}]}]
      },
      "help": {"articles": [{...}]}?  (help-centre pages served with a sitemap.xml)
    }

KB articles for the demo are in demo/kb.jsonl, in the KB interchange format.
"""
