namespace ImapClient;

/// <summary>
/// What an extended SEARCH (ESEARCH, RFC 4731) returned: only the items asked for with <see cref="SearchReturnOptions"/>.
/// Numbers are sequence numbers or UIDs as <see cref="IsUid"/> says.
/// </summary>
public sealed class ExtendedSearchResult
{
    private IReadOnlyList<uint>? _numbers;

    internal ExtendedSearchResult(bool isUid, uint? min, uint? max, uint? count, SequenceSet? all, ulong? highestModSeq)
    {
        IsUid = isUid;
        Min = min;
        Max = max;
        Count = count;
        All = all;
        HighestModSeq = highestModSeq;
    }

    /// <summary>A result with no data, for a search that returned none (nothing matched, or only SAVE was asked for).</summary>
    internal static ExtendedSearchResult Empty(bool isUid) => new(isUid, null, null, null, null, null);

    /// <summary>True when the numbers are UIDs (UID SEARCH), false for sequence numbers.</summary>
    public bool IsUid { get; }

    /// <summary>The lowest match (MIN); null when not asked for or nothing matched.</summary>
    public uint? Min { get; }

    /// <summary>The highest match (MAX); null when not asked for or nothing matched.</summary>
    public uint? Max { get; }

    /// <summary>How many messages matched (COUNT); null when not asked for.</summary>
    public uint? Count { get; }

    /// <summary>Every match as a compact set (ALL); null when not asked for or nothing matched.</summary>
    public SequenceSet? All { get; }

    /// <summary>
    /// The highest mod-sequence of the matches (MODSEQ, RFC 7162), sent by CONDSTORE servers when the query used
    /// <see cref="SearchQuery.ModSeq"/>; null otherwise.
    /// </summary>
    public ulong? HighestModSeq { get; }

    /// <summary>Every number in <see cref="All"/>, ascending; empty when ALL was not asked for or nothing matched.</summary>
    public IReadOnlyList<uint> Numbers => _numbers ??= Expand(All);

    private static uint[] Expand(SequenceSet? set)
    {
        if (set is null)
        {
            return [];
        }

        var count = 0L;
        foreach (var (start, end) in set.Ranges)
        {
            count += (long)end - start + 1;
        }

        // A server's ALL never holds '*'; a range that big would not be a list anyone wants in memory.
        if (count > Array.MaxLength)
        {
            throw new InvalidOperationException($"The result holds {count} numbers, too many to list; use All.Ranges.");
        }

        var numbers = new uint[count];
        var i = 0;
        foreach (var (start, end) in set.Ranges)
        {
            for (var n = start; ; n++)
            {
                numbers[i++] = n;
                if (n == end)
                {
                    break;
                }
            }
        }

        return numbers;
    }
}
