namespace ImapClient;

/// <summary>One step of a SORT order: a field, ascending or (<c>REVERSE</c>) descending.</summary>
/// <param name="Field">What to compare.</param>
/// <param name="Reverse">True for descending order.</param>
public readonly record struct SortCriterion(SortField Field, bool Reverse = false)
{
    /// <summary>Ascending by <paramref name="field"/>.</summary>
    /// <param name="field">What to compare.</param>
    /// <returns>The criterion.</returns>
    public static SortCriterion Ascending(SortField field) => new(field);

    /// <summary>Descending by <paramref name="field"/> (<c>REVERSE</c>).</summary>
    /// <param name="field">What to compare.</param>
    /// <returns>The criterion.</returns>
    public static SortCriterion Descending(SortField field) => new(field, Reverse: true);
}
