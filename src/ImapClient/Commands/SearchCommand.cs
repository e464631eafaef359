using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>SEARCH or UID SEARCH: collects the numbers of every <c>* SEARCH</c> response (servers may split them).</summary>
internal sealed class SearchCommand(SearchQuery query, bool byUid)
    : SearchCommandBase<SearchResult>("SEARCH", query, byUid, CommandTraits.ClaimsSearch)
{
    private List<uint>? _numbers;
    private ulong? _modSeq;

    public override void Encode(CommandBuilder builder, ImapSession session)
    {
        SearchCriteria.ThrowIfUnsupported(Query, session.Capabilities);
        builder.Raw(Name).Space();
        SearchCriteria.WriteSearchProgram(builder, Query);
        builder.EndLine();
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapSearchResponse search)
        {
            return false;
        }

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
    }

    protected override SearchResult BuildResult(ImapSession session, ImapStatusResponse completion) =>
        new(_numbers ?? [], _modSeq, ByUid);
}
