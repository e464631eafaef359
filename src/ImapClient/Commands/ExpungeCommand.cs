using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// EXPUNGE, or UID EXPUNGE of a set (UIDPLUS), which removes only those of the set's messages that are marked
/// <c>\Deleted</c>. Collects the <c>* n EXPUNGE</c> reports; since they name no command, two never run side by side.
/// </summary>
internal sealed class ExpungeCommand(SequenceSet? uids) : ImapCommand<ExpungeResult>
{
    private readonly ExpungeReports _expunges = new();

    public override bool ChangesMailbox => true;

    public override string Name => uids is null ? "EXPUNGE" : "UID EXPUNGE";

    public override CommandTraits Traits => CommandTraits.MayExpunge;

    public override ClaimedData ClaimedData => ClaimedData.Expunge;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override bool HasNothingToDo => uids is { IsEmpty: true };

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw(Name);
        if (uids is not null)
        {
            builder.Space().Set(uids);
        }

        builder.EndLine();
    }

    public override bool TryClaim(ImapResponse response) => _expunges.TryClaim(response);

    protected override bool WouldClaim(ImapUnparsableResponse response) => ExpungeReports.WouldClaim(response);

    protected override ExpungeResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        new(_expunges.SequenceNumbers, _expunges.Vanished);
}
