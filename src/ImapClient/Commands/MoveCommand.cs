using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// MOVE or UID MOVE (RFC 6851). The server reports the copies' UIDs in an untagged <c>OK [COPYUID …]</c> before the
/// expunges (the tagged OK comes after them, too late to say which UIDs the expunged messages had), then expunges.
/// Neither names the command, so two moves never run side by side.
/// </summary>
internal sealed class MoveCommand(SequenceSet set, string destination, bool byUid) : ImapCommand<MoveResult>
{
    private readonly ExpungeReports _expunges = new();

    public override bool ChangesMailbox => true;
    private CopyResult? _copy;

    public override string Name => byUid ? "UID MOVE" : "MOVE";

    public override CommandTraits Traits => byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers | CommandTraits.MayExpunge;

    public override ClaimedData ClaimedData => ClaimedData.Expunge;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override bool HasNothingToDo => set.IsEmpty;

    public override void Encode(CommandBuilder builder, ICommandContext context) =>
        builder.Raw(Name).Space().Set(set).Space().AString(context.MailboxToWire(destination)).EndLine();

    public override bool TryClaim(ImapResponse response)
    {
        if (response is ImapStatusResponse { Status: ImapStatus.Ok } status && _copy is null && CopyUidCode.TryRead(status.Code) is { } copy)
        {
            _copy = copy;
            return true;
        }

        return _expunges.TryClaim(response);
    }

    protected override bool WouldClaim(ImapUnparsableResponse response) => ExpungeReports.WouldClaim(response);

    protected override MoveResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        new(_copy ?? CopyUidCode.TryRead(completion.Code) ?? CopyResult.None, _expunges.SequenceNumbers, _expunges.Vanished, originalsMarkedDeleted: false);
}
