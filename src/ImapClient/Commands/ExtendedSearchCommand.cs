using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// SEARCH RETURN (…) or UID SEARCH RETURN (…) (ESEARCH, RFC 4731). Its <c>* ESEARCH</c> response names the command's
/// tag, so any number of these run side by side and each takes only its own.
/// </summary>
internal sealed class ExtendedSearchCommand(SearchQuery query, SearchReturnOptions returns, bool byUid)
    : SearchCommandBase<ExtendedSearchResult>("SEARCH", query, byUid, CommandTraits.None)
{
    private ExtendedSearchResult? _result;

    /// <summary>SAVE replaces the result kept on the server, even with an empty one: that search must be sent.</summary>
    public override bool HasNothingToDo => base.HasNothingToDo && (returns & SearchReturnOptions.Save) == 0;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        var capabilities = context.Capabilities;
        if (!capabilities.Contains("ESEARCH"))
        {
            throw new NotSupportedException("This server does not offer ESEARCH (RFC 4731): use the search without return options.");
        }

        if ((returns & SearchReturnOptions.Save) != 0 && !capabilities.Contains("SEARCHRES"))
        {
            throw new NotSupportedException("SAVE needs SEARCHRES (RFC 5182), which this server does not offer.");
        }

        SearchCriteria.ThrowIfUnsupported(Query, capabilities);
        builder.Raw(Name).Raw(" RETURN ("u8);
        WriteReturnOptions(builder, returns == SearchReturnOptions.None ? SearchReturnOptions.All : returns);
        builder.Raw(") "u8);
        SearchCriteria.WriteSearchProgram(builder, Query, context.Utf8Accepted);
        builder.EndLine();
    }

    /// <summary>An ESEARCH whose tag cannot be read may be ours: a result with a hole must not pass as whole.</summary>
    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "ESEARCH";

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapESearchResponse esearch || !string.Equals(esearch.Tag, Tag, StringComparison.Ordinal))
        {
            return false;
        }

        _result = esearch.Result;
        return true;
    }

    protected override ExtendedSearchResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        _result ?? (HasNothingToDo && (returns & SearchReturnOptions.Count) != 0
            ? new ExtendedSearchResult(ByUid, null, null, 0, null, null)
            : ExtendedSearchResult.Empty(ByUid));

    private static void WriteReturnOptions(CommandBuilder builder, SearchReturnOptions returns)
    {
        ReadOnlySpan<(SearchReturnOptions Option, string Name)> names =
        [
            (SearchReturnOptions.Min, "MIN"),
            (SearchReturnOptions.Max, "MAX"),
            (SearchReturnOptions.Count, "COUNT"),
            (SearchReturnOptions.All, "ALL"),
            (SearchReturnOptions.Save, "SAVE"),
        ];
        var first = true;
        foreach (var (option, name) in names)
        {
            if ((returns & option) != 0)
            {
                builder.Raw(first ? "" : " ").Raw(name);
                first = false;
            }
        }
    }
}
