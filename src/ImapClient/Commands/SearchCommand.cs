using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// SEARCH or UID SEARCH: collects the numbers of every <c>* SEARCH</c> response (servers may split them), or of the
/// <c>* ESEARCH</c> an IMAP4rev2 server answers with instead (RFC 9051 section 6.4.4: no RETURN means ALL).
/// </summary>
internal sealed class SearchCommand(SearchQuery query, bool byUid)
    : SearchCommandBase<SearchResult>("SEARCH", query, byUid, CommandTraits.ClaimsSearch)
{
    // As many numbers as a '* SEARCH' line of the longest result line allowed could hold ("n " per number): an ESEARCH
    // range such as 1:4000000000 is a few bytes long, but would expand to more than memory holds.
    private static readonly long MaxExpandedNumbers = ImapLimits.Default.MaxResultLineLength / 2;

    private List<uint>? _numbers;
    private List<SequenceSet>? _sets;
    private ulong? _modSeq;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        SearchCriteria.ThrowIfUnsupported(Query, context.Capabilities);
        builder.Raw(Name).Space();
        SearchCriteria.WriteSearchProgram(builder, Query, context.Utf8Accepted);
        builder.EndLine();
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword is "SEARCH" or "ESEARCH";

    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case ImapSearchResponse search:
                if (_numbers is null)
                {
                    _numbers = search.NumberList;
                }
                else
                {
                    _numbers.AddRange(search.NumberList);
                }

                _modSeq = search.HighestModSeq ?? _modSeq;
                return true;

            // A tagged ESEARCH answers this command; an untagged one can only, since other searches claim their own tag.
            case ImapESearchResponse esearch when esearch.Tag is null || string.Equals(esearch.Tag, Tag, StringComparison.Ordinal):
                if (esearch.Result.All is { } all)
                {
                    (_sets ??= []).Add(all);
                }

                _modSeq = esearch.Result.HighestModSeq ?? _modSeq;
                return true;
            default:
                return false;
        }
    }

    protected override SearchResult BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        var numbers = _numbers ?? [];
        foreach (var set in _sets ?? [])
        {
            if (numbers.Count + set.Count > MaxExpandedNumbers)
            {
                throw new ImapProtocolException(
                    $"The server's ESEARCH answer to {Name} names more than {MaxExpandedNumbers} messages ({set}); it was not expanded.");
            }

            foreach (var (start, end) in set.Ranges)
            {
                for (var n = start; ; n++)
                {
                    numbers.Add(n);
                    if (n == end)
                    {
                        break;
                    }
                }
            }
        }

        return new(numbers, _modSeq, ByUid);
    }
}
