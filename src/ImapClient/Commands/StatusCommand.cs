using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>STATUS mailbox (items): claims the STATUS data of its own mailbox only, so several may run side by side.</summary>
internal sealed class StatusCommand(string mailbox, StatusItems items) : ImapCommand<MailboxStatus>
{
    private MailboxStatus? _status;

    public override string Name => "STATUS";

    public override ClaimedData ClaimedData => ClaimedData.OneStatus;

    /// <summary>Its codes are about the mailbox it names, not the selected one.</summary>
    public override bool CompletionDescribesSelectedMailbox => false;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context) =>
        builder.Raw("STATUS "u8).AString(context.MailboxToWire(mailbox)).Space().StatusItemList(items).EndLine();

    /// <summary>The mailbox name of an unparsable STATUS cannot be read: it may be ours.</summary>
    protected override bool WouldClaim(ImapUnparsableResponse response) => response.Keyword == "STATUS";

    public override bool TryClaim(ImapResponse response)
    {
        if (_status is null && response is ImapMailboxStatusResponse status && SameMailbox(status.Status.Mailbox, mailbox))
        {
            _status = status.Status;
            return true;
        }

        return false;
    }

    protected override MailboxStatus BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        _status ?? throw new ImapProtocolException($"The server completed STATUS without reporting the status of \"{mailbox}\".");

    /// <summary>Names compare decoded, so two spellings of one modified UTF-7 name agree; INBOX is case-insensitive.</summary>
    private static bool SameMailbox(string reported, string asked) =>
        string.Equals(reported, asked, StringComparison.Ordinal)
        || (string.Equals(asked, "INBOX", StringComparison.OrdinalIgnoreCase) && string.Equals(reported, "INBOX", StringComparison.OrdinalIgnoreCase));
}
