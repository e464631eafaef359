using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>STORE or UID STORE: returns the flags the server reported for each message it changed.</summary>
internal sealed class StoreCommand(SequenceSet set, StoreAction action, MessageFlags flags, bool silent, bool byUid)
    : ImapCommand<IReadOnlyList<FetchedMessage>>
{
    private readonly List<FetchedMessage> _messages = [];
    private MailboxState? _mailbox;

    public override string Name => byUid ? "UID STORE" : "STORE";

    public override CommandTraits Traits => byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers;

    public override (SequenceSet Set, bool ByUid)? ClaimedMessages => (set, byUid);

    /// <summary>The selected mailbox, whose message count tells which message <c>*</c> is.</summary>
    public override void OnSending(ImapSession session) => _mailbox = session.Mailbox;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ImapSession session)
    {
        var prefix = action switch
        {
            StoreAction.Add => "+FLAGS",
            StoreAction.Remove => "-FLAGS",
            _ => "FLAGS",
        };
        builder.Raw(Name).Space().Raw(set.ToString()).Space().Raw(prefix).Raw(silent ? ".SILENT " : " ").FlagList(flags).EndLine();
    }

    public override bool TryClaim(ImapResponse response)
    {
        if (response is not ImapFetchResponse { Message: { Flags: not null } message })
        {
            return false;
        }

        var key = byUid ? message.Uid : message.SequenceNumber;
        if (key is not { } number || !set.Contains(number, isLastMessage: message.SequenceNumber == _mailbox?.Exists))
        {
            return false;
        }

        _messages.Add(message);
        return true;
    }

    protected override IReadOnlyList<FetchedMessage> BuildResult(ImapSession session, ImapStatusResponse completion) => _messages;
}
