using System.Text;

namespace ImapClient.Protocol;

/// <summary>The data of SEARCH, SORT, THREAD and ESEARCH responses, after their keyword.</summary>
internal static class SearchResponseParser
{
    /// <summary><c>*(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]</c>.</summary>
    public static (List<uint> Numbers, ulong? ModSeq) ParseNumbers(ref ImapReader reader)
    {
        // One number per space: counting them first sizes the list exactly, so 100,000 UIDs cost one array.
        var numbers = new List<uint>(reader.CountAhead((byte)' '));
        ulong? modSeq = null;
        while (reader.SkipSpaces() > 0 && !reader.AtLineEnd)
        {
            if (reader.IsNext((byte)'('))
            {
                modSeq = ParseModSeqSuffix(ref reader) ?? modSeq;
                continue;
            }

            numbers.Add(reader.ReadNumber());
        }

        return (numbers, modSeq);
    }

    /// <summary><c>[SP 1*thread-list]</c>.</summary>
    public static List<ThreadNode> ParseThreads(ref ImapReader reader)
    {
        var threads = new List<ThreadNode>();
        while (true)
        {
            reader.SkipSpaces();
            if (reader.AtLineEnd)
            {
                return threads;
            }

            threads.Add(ParseThreadList(ref reader, 0));
        }
    }

    /// <summary>
    /// <c>[SP "(" "TAG" SP tag-string ")"] [SP "UID"] *(SP search-return-data)</c>. Return data this library does not
    /// know (a later extension's) is skipped.
    /// </summary>
    public static ImapESearchResponse ParseESearch(ref ImapReader reader)
    {
        reader.SkipSpaces();
        string? tag = null;
        if (reader.IsNext((byte)'('))
        {
            tag = ParseCorrelator(ref reader);
            reader.SkipSpaces();
        }

        var isUid = reader.TryReadKeyword("UID"u8);
        uint? min = null, max = null, count = null;
        SequenceSet? all = null;
        ulong? modSeq = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.AtLineEnd)
            {
                break;
            }

            if (reader.TryReadKeyword("MIN"u8))
            {
                reader.ExpectSpace();
                min = reader.ReadNumber();
            }
            else if (reader.TryReadKeyword("MAX"u8))
            {
                reader.ExpectSpace();
                max = reader.ReadNumber();
            }
            else if (reader.TryReadKeyword("COUNT"u8))
            {
                reader.ExpectSpace();
                count = reader.ReadNumber();
            }
            else if (reader.TryReadKeyword("ALL"u8))
            {
                reader.ExpectSpace();
                all = ParseSequenceSet(ref reader);
            }
            else if (reader.TryReadKeyword("MODSEQ"u8))
            {
                reader.ExpectSpace();
                modSeq = reader.ReadNumber64();
            }
            else
            {
                reader.ReadAtom();
                reader.SkipSpaces();
                reader.SkipValue();
            }
        }

        return new ImapESearchResponse(tag, new ExtendedSearchResult(isUid, min, max, count, all, modSeq));
    }

    /// <summary><c>"(" "TAG" SP tag-string *(SP other-correlator) ")"</c>; RFC 9051's MAILBOX and UIDVALIDITY are skipped.</summary>
    private static string? ParseCorrelator(ref ImapReader reader)
    {
        reader.Expect((byte)'(');
        string? tag = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return tag;
            }

            if (reader.TryReadKeyword("TAG"u8))
            {
                reader.ExpectSpace();
                tag = reader.ReadAString();
            }
            else
            {
                reader.ReadAtom();
                reader.SkipSpaces();
                reader.SkipValue();
            }
        }
    }

    private static SequenceSet ParseSequenceSet(ref ImapReader reader)
    {
        var text = Encoding.ASCII.GetString(reader.ReadAtom());
        try
        {
            return SequenceSet.Parse(text);
        }
        catch (FormatException)
        {
            throw reader.Error($"\"{text}\" is not a sequence set");
        }
    }

    /// <summary><c>"(" "MODSEQ" SP n ")"</c>; any other parenthesised data a server adds is skipped.</summary>
    private static ulong? ParseModSeqSuffix(ref ImapReader reader)
    {
        reader.Expect((byte)'(');
        ulong? modSeq = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                return modSeq;
            }

            if (reader.TryReadKeyword("MODSEQ"u8))
            {
                reader.ExpectSpace();
                modSeq = reader.ReadNumber64();
            }
            else
            {
                reader.SkipValue(1);
            }
        }
    }

    /// <summary>
    /// <c>"(" (thread-members / thread-nested) ")"</c>: numbers in a row are a chain (each the reply to the one
    /// before), and the nested lists after them are the branches under the last. A list that starts with nested lists
    /// has a missing root. Only branches recurse, and their depth is capped, so a long chain costs no stack.
    /// </summary>
    private static ThreadNode ParseThreadList(ref ImapReader reader, int depth)
    {
        reader.EnterNested(depth);
        reader.Expect((byte)'(');
        List<uint>? chain = null;
        List<ThreadNode>? branches = null;
        while (true)
        {
            reader.SkipSpaces();
            if (reader.TryConsume((byte)')'))
            {
                break;
            }

            if (reader.IsNext((byte)'('))
            {
                (branches ??= []).Add(ParseThreadList(ref reader, depth + 1));
            }
            else if (branches is null)
            {
                var number = reader.ReadNumber();
                if (number == 0)
                {
                    throw reader.Error("a thread member is 0, not a message number");
                }

                (chain ??= []).Add(number);
            }
            else
            {
                throw reader.Error("a message number follows a thread's branches");
            }
        }

#pragma warning disable CA1859 // As a List the branch-less case would allocate an empty list instead of sharing the empty array.
        var children = branches ?? (IReadOnlyList<ThreadNode>)[];
#pragma warning restore CA1859
        if (chain is null)
        {
            return children.Count > 0 ? new ThreadNode(null, children) : throw reader.Error("an empty thread");
        }

        for (var i = chain.Count - 1; i > 0; i--)
        {
            children = [new ThreadNode(chain[i], children)];
        }

        return new ThreadNode(chain[0], children);
    }
}
