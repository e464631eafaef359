using System.Runtime.CompilerServices;
using ImapClient.Commands;

namespace ImapClient;

/// <summary>Searching, sorting and threading the selected mailbox.</summary>
public sealed partial class ImapConnection
{
    /// <summary>
    /// Searches the selected mailbox (SEARCH) and returns the matching sequence numbers. Plain searches answer with an
    /// untagged <c>* SEARCH</c> that names no command, so two of them never run side by side on one connection; the
    /// overload with <see cref="SearchReturnOptions"/> (ESEARCH) has no such limit.
    /// </summary>
    /// <param name="query">What to search for, e.g. <c>SearchQuery.Unseen.And(SearchQuery.From("ann"))</c>.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The sequence numbers, as the server ordered them.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The query needs an extension the server does not offer (MODSEQ, <c>$</c>); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. <c>NO [BADCHARSET]</c> for a charset it lacks.</exception>
    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new SearchCommand(query, byUid: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches the selected mailbox by UID (UID SEARCH) and returns the matching UIDs.</summary>
    /// <param name="query">What to search for.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The UIDs, as the server ordered them.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The query needs an extension the server does not offer; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused, e.g. <c>NO [BADCHARSET]</c>.</exception>
    public async Task<SearchResult> UidSearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new SearchCommand(query, byUid: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Searches by sequence number and returns only what <paramref name="returns"/> asks for: the lowest, the highest,
    /// the count, a compact set of all matches, or (SAVE) nothing but a result kept on the server for
    /// <see cref="SearchQuery.SavedResult"/>. Needs ESEARCH (RFC 4731); SAVE needs SEARCHRES (RFC 5182). The response
    /// names this command's tag, so these searches run side by side with any other.
    /// </summary>
    /// <param name="query">What to search for.</param>
    /// <param name="returns">What to return; <see cref="SearchReturnOptions.None"/> means ALL.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The requested data.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ESEARCH, or an extension the query or SAVE needs; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<ExtendedSearchResult> SearchAsync(SearchQuery query, SearchReturnOptions returns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new ExtendedSearchCommand(query, returns, byUid: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches by UID and returns only what <paramref name="returns"/> asks for (UID SEARCH RETURN, ESEARCH).</summary>
    /// <param name="query">What to search for.</param>
    /// <param name="returns">What to return; <see cref="SearchReturnOptions.None"/> means ALL.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The requested data, in UIDs.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer ESEARCH, or an extension the query or SAVE needs; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<ExtendedSearchResult> UidSearchAsync(SearchQuery query, SearchReturnOptions returns, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new ExtendedSearchCommand(query, returns, byUid: true), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches and sorts (SORT, RFC 5256), returning sequence numbers in the requested order.</summary>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="orderBy">One or more sort keys, the first deciding most, e.g. <c>[SortCriterion.Descending(SortField.Date)]</c>.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The sequence numbers, sorted.</returns>
    /// <exception cref="ArgumentException"><paramref name="orderBy"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer SORT (or SORT=DISPLAY for the display keys); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<SearchResult> SortAsync(SearchQuery query, IReadOnlyList<SortCriterion> orderBy, CancellationToken cancellationToken = default) =>
        SortAsync(query, orderBy, byUid: false, cancellationToken);

    /// <summary>Searches and sorts by UID (UID SORT, RFC 5256), returning UIDs in the requested order.</summary>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="orderBy">One or more sort keys, the first deciding most.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>The UIDs, sorted.</returns>
    /// <exception cref="ArgumentException"><paramref name="orderBy"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer SORT (or SORT=DISPLAY for the display keys); nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public Task<SearchResult> UidSortAsync(SearchQuery query, IReadOnlyList<SortCriterion> orderBy, CancellationToken cancellationToken = default) =>
        SortAsync(query, orderBy, byUid: true, cancellationToken);

    /// <summary>Searches and groups the matches into conversations (THREAD, RFC 5256), by sequence number.</summary>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="algorithm">How to group; the server must offer <c>THREAD=</c> it.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>One root per thread.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer the algorithm; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<IReadOnlyList<ThreadNode>> ThreadAsync(SearchQuery query, ThreadAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new ThreadCommand(algorithm, query, byUid: false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Searches and groups the matches into conversations by UID (UID THREAD, RFC 5256).</summary>
    /// <param name="query">Which messages; <see cref="SearchQuery.All"/> for every one.</param>
    /// <param name="algorithm">How to group; the server must offer <c>THREAD=</c> it.</param>
    /// <param name="cancellationToken">Cancels waiting; a command already sent still completes in the background.</param>
    /// <returns>One root per thread, numbered by UID.</returns>
    /// <exception cref="InvalidOperationException">No mailbox is selected; nothing was sent.</exception>
    /// <exception cref="NotSupportedException">The server does not offer the algorithm; nothing was sent.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    public async Task<IReadOnlyList<ThreadNode>> UidThreadAsync(SearchQuery query, ThreadAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new ThreadCommand(algorithm, query, byUid: true), cancellationToken).ConfigureAwait(false);
    }

    private async Task<SearchResult> SortAsync(
        SearchQuery query, IReadOnlyList<SortCriterion> orderBy, bool byUid, CancellationToken cancellationToken, [CallerMemberName] string api = "")
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(orderBy);
        if (orderBy.Count == 0)
        {
            throw new ArgumentException("SORT needs at least one sort key.", nameof(orderBy));
        }

        // Copied: the caller may change the list while the command waits to be written.
        var order = orderBy.ToArray();
        await EnsureCapabilitiesKnownAsync(cancellationToken).ConfigureAwait(false);
        return await _session.ExecuteAsync(new SortCommand(order, query, byUid) { Api = api }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether the server offers an extension is decided from its capabilities before anything is sent: a server that
    /// has not announced any yet is asked once. Without a selected mailbox nothing is asked, so the wrong-state error
    /// comes first and nothing at all is sent.
    /// </summary>
    private async Task EnsureCapabilitiesKnownAsync(CancellationToken cancellationToken)
    {
        if (Capabilities.All.Count == 0 && State == ImapConnectionState.Selected)
        {
            await CapabilityAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
