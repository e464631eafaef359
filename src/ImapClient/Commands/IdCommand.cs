using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>ID (RFC 2971): the client's fields out, the server's <c>* ID</c> back. Valid in every state.</summary>
internal sealed class IdCommand(IReadOnlyList<KeyValuePair<string, string?>>? fields) : ImapCommand<IReadOnlyDictionary<string, string?>>
{
    private static readonly IReadOnlyDictionary<string, string?> None = new Dictionary<string, string?>();
    private IReadOnlyDictionary<string, string?>? _server;

    public override string Name => "ID";

    public override ClaimedData ClaimedData => ClaimedData.Id;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw("ID "u8);
        if (fields is null || fields.Count == 0)
        {
            builder.Raw("NIL"u8).EndLine();
            return;
        }

        builder.Raw("("u8);
        var first = true;
        foreach (var (name, value) in fields)
        {
            builder.Raw(first ? ""u8 : " "u8).String(name).Space();
            if (value is null)
            {
                builder.Raw("NIL"u8);
            }
            else
            {
                builder.String(value);
            }

            first = false;
        }

        builder.Raw(")"u8).EndLine();
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapIdResponse id)
        {
            return false;
        }

        _server = id.Fields;
        return true;
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "ID";

    protected override IReadOnlyDictionary<string, string?> BuildResult(ICommandContext context, ImapStatusResponse completion) => _server ?? None;
}
