namespace ImapClient;

/// <summary>What an extended SEARCH (ESEARCH, RFC 4731) should return instead of every matching number.</summary>
[Flags]
public enum SearchReturnOptions
{
    /// <summary>Nothing chosen: treated as <see cref="All"/>, as RFC 4731 does for an empty <c>RETURN ()</c>.</summary>
    None = 0,

    /// <summary>MIN: the lowest match.</summary>
    Min = 1,

    /// <summary>MAX: the highest match.</summary>
    Max = 2,

    /// <summary>COUNT: how many matched.</summary>
    Count = 4,

    /// <summary>ALL: every match, as a compact sequence set.</summary>
    All = 8,

    /// <summary>
    /// SAVE (SEARCHRES, RFC 5182): the server remembers the matches, which later searches refer to with
    /// <see cref="SearchQuery.SavedResult"/>. With SAVE alone the server returns no data.
    /// </summary>
    Save = 16,
}
