# Search across every kind of record.
# Liaison — English (complete).

search-title = Search
search-label = Find records
search-hint = Words from a concern, a person's name, or a reference such as C-2026-00042. Only records you may see are found.
search-button = Search
search-none = Nothing you may see matches.
search-kind-concern = Concerns
search-kind-category = Categories
search-kind-area = Areas
search-more-concern = All matching concerns
search-more-category = All categories
search-more-area = All areas
search-none-recent-concern = No concern among the most recent ones searched matches.
search-none-recent-category = No category among those searched matches.
search-none-recent-area = No area among those searched matches.
search-recent-only-concern = Only the most recent concerns were searched.
search-recent-only-category = Only some categories were searched.
search-recent-only-area = Only some areas were searched.
search-older-concern = Search older concerns
search-older-category = Search further
search-older-area = Search further
