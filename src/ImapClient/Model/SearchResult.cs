using System.Collections;

namespace ImapClient;

/// <summary>
/// The matches of a SEARCH or SORT: message sequence numbers (SEARCH, SORT) or UIDs (UID SEARCH, UID SORT), in the
/// order the server sent them (ascending for SEARCH as servers send it, the requested order for SORT). It is the list
/// itself, so <c>foreach (var uid in await imap.UidSearchAsync(query))</c> works; it also carries the highest
/// modification sequence that CONDSTORE servers add when the query used <see cref="SearchQuery.ModSeq"/>.
/// </summary>
public sealed class SearchResult : IReadOnlyList<uint>
{
    private readonly List<uint> _numbers;

    internal SearchResult(List<uint> numbers, ulong? highestModSeq, bool isUid)
    {
        _numbers = numbers;
        HighestModSeq = highestModSeq;
        IsUid = isUid;
    }

    /// <summary>True when the numbers are UIDs (UID SEARCH, UID SORT), false for sequence numbers.</summary>
    public bool IsUid { get; }

    /// <summary>
    /// The highest mod-sequence of the matching messages, from <c>(MODSEQ n)</c> (RFC 7162): sent by CONDSTORE servers
    /// when the query used <see cref="SearchQuery.ModSeq"/>; null otherwise.
    /// </summary>
    public ulong? HighestModSeq { get; }

    /// <summary>The number of matches.</summary>
    public int Count => _numbers.Count;

    /// <summary>The match at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>A sequence number or UID.</returns>
    public uint this[int index] => _numbers[index];

    /// <summary>The matches in order.</summary>
    /// <returns>An enumerator over the numbers.</returns>
    public IEnumerator<uint> GetEnumerator() => _numbers.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
