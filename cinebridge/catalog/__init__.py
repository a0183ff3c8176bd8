"""The catalog: titles, localised titles, people, credits, versions, assets and search."""
