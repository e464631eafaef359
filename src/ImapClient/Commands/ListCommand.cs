using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// LIST (plain or extended, RFC 5258) or LSUB: collects the mailboxes listed while in flight, and with a STATUS return
/// option (RFC 5819) the STATUS data that comes with them, matched to its mailbox by name.
/// </summary>
internal sealed class ListCommand(ListRequest request, bool lsub) : ImapCommand<IReadOnlyList<MailboxListEntry>>
{
    // The caller's list could change between this call and the moment the command is written.
    private readonly string[] _patterns = [.. request.Patterns];
    private ResultBuffer<MailboxListEntry> _mailboxes;
    private Dictionary<string, MailboxStatus>? _statuses;

    public override string Name => lsub ? "LSUB" : "LIST";

    /// <summary>Its codes are about the mailboxes it names, not the selected one.</summary>
    public override bool CompletionDescribesSelectedMailbox => false;

    public override ClaimedData ClaimedData =>
        lsub ? ClaimedData.Lsub : request.Status != StatusItems.None ? ClaimedData.List | ClaimedData.AnyStatus : ClaimedData.List;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw(Name);
        if (request.Selection != ListSelectionOptions.None)
        {
            builder.Space().Raw("("u8);
            Options(builder, [
                (request.Selection & ListSelectionOptions.Subscribed) != 0 ? "SUBSCRIBED" : null,
                (request.Selection & ListSelectionOptions.Remote) != 0 ? "REMOTE" : null,
                (request.Selection & ListSelectionOptions.RecursiveMatch) != 0 ? "RECURSIVEMATCH" : null,
                (request.Selection & ListSelectionOptions.SpecialUse) != 0 ? "SPECIAL-USE" : null,
            ]);
            builder.Raw(")"u8);
        }

        builder.Space().AString(context.MailboxToWire(request.Reference)).Space();
        if (_patterns.Length == 1)
        {
            builder.ListMailbox(context.MailboxToWire(_patterns[0]));
        }
        else
        {
            builder.Raw("("u8);
            for (var i = 0; i < _patterns.Length; i++)
            {
                builder.Raw(i == 0 ? "" : " ").ListMailbox(context.MailboxToWire(_patterns[i]));
            }

            builder.Raw(")"u8);
        }

        if (request.Return != ListReturnOptions.None || request.Status != StatusItems.None)
        {
            builder.Raw(" RETURN ("u8);
            var any = Options(builder, [
                (request.Return & ListReturnOptions.Subscribed) != 0 ? "SUBSCRIBED" : null,
                (request.Return & ListReturnOptions.Children) != 0 ? "CHILDREN" : null,
                (request.Return & ListReturnOptions.SpecialUse) != 0 ? "SPECIAL-USE" : null,
            ]);
            if (request.Status != StatusItems.None)
            {
                builder.Raw(any ? " STATUS " : "STATUS ").StatusItemList(request.Status);
            }

            builder.Raw(")"u8);
        }

        builder.EndLine();
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) =>
        response.Keyword == (lsub ? "LSUB" : "LIST") || (response.Keyword == "STATUS" && request.Status != StatusItems.None);

    public override bool TryClaimList(MailboxListEntry mailbox, bool isLsub)
    {
        if (isLsub != lsub)
        {
            return false;
        }

        _mailboxes.Add(mailbox);
        return true;
    }

    public override bool TryClaim(ImapResponse response)
    {
        switch (response)
        {
            case ImapMailboxStatusResponse status when !lsub && request.Status != StatusItems.None:
                // RFC 5819 sends each STATUS after its LIST, but matching at the end does not depend on that.
                (_statuses ??= new Dictionary<string, MailboxStatus>(StringComparer.Ordinal))[status.Status.Mailbox] = status.Status;
                return true;
            default:
                return false;
        }
    }

    protected override IReadOnlyList<MailboxListEntry> BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        if (_statuses is not null)
        {
            foreach (var mailbox in _mailboxes.Items)
            {
                if (_statuses.TryGetValue(mailbox.Name, out var status))
                {
                    mailbox.Status = status;
                }
            }
        }

        return _mailboxes.Drain();
    }

    /// <summary>Writes the options that are set, separated by spaces; true when any was.</summary>
    private static bool Options(CommandBuilder builder, ReadOnlySpan<string?> options)
    {
        var any = false;
        foreach (var option in options)
        {
            if (option is not null)
            {
                builder.Raw(any ? " " : "").Raw(option);
                any = true;
            }
        }

        return any;
    }
}
