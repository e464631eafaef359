using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>SORT or UID SORT (RFC 5256): <c>SORT (REVERSE DATE …) charset keys</c>, answered by <c>* SORT n n …</c>.</summary>
internal sealed class SortCommand(IReadOnlyList<SortCriterion> order, SearchQuery query, bool byUid)
    : SearchCommandBase<SearchResult>("SORT", query, byUid, CommandTraits.ClaimsSort)
{
    private List<uint>? _numbers;
    private ulong? _modSeq;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        var capabilities = context.Capabilities;
        if (!capabilities.Contains("SORT"))
        {
            throw new NotSupportedException("This server does not offer SORT (RFC 5256).");
        }

        foreach (var criterion in order)
        {
            if (criterion.Field is SortField.DisplayFrom or SortField.DisplayTo && !capabilities.Contains("SORT=DISPLAY"))
            {
                throw new NotSupportedException($"Sorting by {criterion.Field} needs SORT=DISPLAY (RFC 5957), which this server does not offer.");
            }
        }

        SearchCriteria.ThrowIfUnsupported(Query, capabilities);
        builder.Raw(Name).Raw(" ("u8);
        for (var i = 0; i < order.Count; i++)
        {
            builder.Raw(i == 0 ? "" : " ").Raw(order[i].Reverse ? "REVERSE " : "").Raw(FieldName(order[i].Field));
        }

        builder.Raw(") "u8);
        SearchCriteria.WriteWithCharset(builder, Query);
        builder.EndLine();
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword is "SORT" or "ESEARCH";

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapSortResponse sort)
        {
            return false;
        }

        if (_numbers is null)
        {
            _numbers = sort.NumberList;
        }
        else
        {
            _numbers.AddRange(sort.NumberList);
        }

        _modSeq = sort.HighestModSeq ?? _modSeq;
        return true;
    }

    protected override SearchResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        new(_numbers ?? [], _modSeq, ByUid);

    private static string FieldName(SortField field) => field switch
    {
        SortField.Arrival => "ARRIVAL",
        SortField.Cc => "CC",
        SortField.Date => "DATE",
        SortField.From => "FROM",
        SortField.Size => "SIZE",
        SortField.Subject => "SUBJECT",
        SortField.To => "TO",
        SortField.DisplayFrom => "DISPLAYFROM",
        SortField.DisplayTo => "DISPLAYTO",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a sort field."),
    };
}
