using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// SELECT or EXAMINE: the session's mailbox state collects the untagged data; the result is its snapshot. With
/// QRESYNC parameters, the VANISHED (EARLIER) and FETCH responses the server sends belong to the result too.
/// </summary>
internal sealed class SelectCommand(string mailbox, bool readOnly, SelectOptions? options = null) : ImapCommand<MailboxInfo>
{
    private List<FetchedMessage>? _changed;
    private List<SequenceSet>? _vanished;

    public override string Name => readOnly ? "EXAMINE" : "SELECT";

    public override CommandTraits Traits => CommandTraits.Barrier;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw(Name).Space().AString(context.MailboxToWire(mailbox));
        if (options?.Qresync is { } state)
        {
            builder.Raw(" (QRESYNC ("u8).Number(state.UidValidity).Space().Number(state.ModSeq);
            if (state.KnownUids is { IsEmpty: false } uids)
            {
                builder.Space().Set(uids);
            }

            builder.Raw("))"u8);
        }
        else if (options?.Condstore == true)
        {
            builder.Raw(" (CONDSTORE)"u8);
        }

        builder.EndLine();
    }

    public override void OnSending(ICommandContext context) => context.RequestTransition(SessionTransition.Selecting(mailbox, readOnly));

    /// <summary>What describes the mailbox (and, under QRESYNC, what changed) is the result: missing any of it, SELECT fails.</summary>
    protected override bool WouldClaim(ImapUnparsableResponse response) =>
        response.Keyword is "FLAGS" or "EXISTS" or "RECENT" or "OK" or "LIST"
        || (options?.Qresync is not null && response.Keyword is "FETCH" or "VANISHED");

    /// <summary>
    /// The mailbox description belongs to the result, not to the events; so does the <c>* LIST</c> an IMAP4rev2 server
    /// sends with the mailbox's canonical name (RFC 9051 section 6.3.2).
    /// </summary>
    public override bool TryClaim(ImapResponse response)
    {
        if (options?.Qresync is not null)
        {
            switch (response)
            {
                case ImapVanishedResponse { Earlier: true } vanished:
                    (_vanished ??= []).Add(vanished.Uids);
                    return true;
            }
        }

        return response is ImapExistsResponse or ImapRecentResponse
            or ImapFlagsResponse or ImapStatusResponse { Status: ImapStatus.Ok, Code: not null };
    }

    /// <summary>IMAP4rev2 servers answer SELECT with the mailbox's LIST line; it is part of the answer, not news.</summary>
    public override bool TryClaimList(MailboxListEntry mailbox, bool isLsub) => !isLsub;

    public override bool TryClaimFetch(FetchedMessage message)
    {
        if (options?.Qresync is null)
        {
            return false;
        }

        (_changed ??= []).Add(message);
        return true;
    }

    protected override MailboxInfo BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        // The session applied the tagged OK's code (READ-WRITE, READ-ONLY) to the state already.
        var state = context.Mailbox ?? throw new InvalidOperationException("The mailbox state vanished during SELECT.");
        context.RequestTransition(SessionTransition.Selected);
        var info = state.Snapshot();
        if (options?.Qresync is null)
        {
            return info;
        }

        // Several VANISHED responses are one set; joined as text, never expanded (they may span millions of UIDs).
        var vanished = _vanished switch
        {
            null => null,
            [var only] => only,
            _ => SequenceSet.Parse(string.Join(',', _vanished)),
        };
        return new MailboxInfo
        {
            Name = info.Name, Exists = info.Exists, Recent = info.Recent, Flags = info.Flags, PermanentFlags = info.PermanentFlags,
            UidValidity = info.UidValidity, UidNext = info.UidNext, FirstUnseen = info.FirstUnseen, Access = info.Access,
            HighestModSeq = info.HighestModSeq, NoModSeq = info.NoModSeq,
            Changes = new QresyncChanges(vanished, (IReadOnlyList<FetchedMessage>?)_changed ?? []),
        };
    }

    protected override void OnFailed(ICommandContext context) => context.RequestTransition(SessionTransition.Unselected);
}
