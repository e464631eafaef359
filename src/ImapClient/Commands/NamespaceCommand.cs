using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>NAMESPACE (RFC 2342).</summary>
internal sealed class NamespaceCommand : ImapCommand<MailboxNamespaces>
{
    private MailboxNamespaces? _namespaces;

    public override string Name => "NAMESPACE";

    public override ClaimedData ClaimedData => ClaimedData.Namespace;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("NAMESPACE"u8).EndLine();

    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "NAMESPACE";

    public override bool TryClaim(ImapResponse response)
    {
        if (response is ImapNamespaceResponse names)
        {
            _namespaces = names.Namespaces;
            return true;
        }

        return false;
    }

    protected override MailboxNamespaces BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        _namespaces ?? throw new ImapProtocolException("The server completed NAMESPACE without sending its namespaces.");
}
