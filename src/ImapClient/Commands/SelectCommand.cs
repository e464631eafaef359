using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>SELECT or EXAMINE: the session's mailbox state collects the untagged data; the result is its snapshot.</summary>
internal sealed class SelectCommand(string mailbox, bool readOnly) : ImapCommand<MailboxInfo>
{
    public override string Name => readOnly ? "EXAMINE" : "SELECT";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ImapSession session) =>
        builder.Raw(Name).Space().AString(session.MailboxToWire(mailbox)).EndLine();

    public override void OnSending(ImapSession session) => session.BeginSelect(mailbox);

    /// <summary>
    /// The mailbox description belongs to the result, not to the events; so does the <c>* LIST</c> an IMAP4rev2 server
    /// sends with the mailbox's canonical name (RFC 9051 section 6.3.2).
    /// </summary>
    public override bool TryClaim(ImapResponse response) => response is ImapExistsResponse or ImapRecentResponse
        or ImapFlagsResponse or ImapStatusResponse { Status: ImapStatus.Ok, Code: not null } or ImapListResponse { IsLsub: false };

    protected override MailboxInfo BuildResult(ImapSession session, ImapStatusResponse completion)
    {
        var state = session.Mailbox ?? throw new InvalidOperationException("The mailbox state vanished during SELECT.");
        state.Apply(completion);
        session.SetState(ImapConnectionState.Selected);
        return state.Snapshot();
    }

    protected override void OnFailed(ImapSession session) => session.ClearSelection();
}
