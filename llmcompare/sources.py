"""The public data sets `catalog update` can fetch, and where they are published.

A source's URL can be changed in the config file (`[update.urls]`), e.g. to a
mirror inside a company network.
"""

from .records import Record


class Source(Record):
    name: str  # also the layer's name: update:NAME
    format: str  # an importer format (importers.FORMATS)
    url: str  # the published data file
    about: str  # the project's page, for people


SOURCES: dict[str, Source] = {
    source.name: source
    for source in (
        Source(
            "genai-prices",
            "genai-prices",
            "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/data.json",
            "https://github.com/pydantic/genai-prices",
        ),
        Source(
            "litellm",
            "litellm",
            "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json",
            "https://github.com/BerriAI/litellm",
        ),
        Source(
            "models.dev",
            "models.dev",
            "https://models.dev/api.json",
            "https://models.dev",
        ),
        Source(
            "openrouter",
            "openrouter",
            "https://openrouter.ai/api/v1/models",
            "https://openrouter.ai/docs/api-reference/list-available-models",
        ),
    )
}
