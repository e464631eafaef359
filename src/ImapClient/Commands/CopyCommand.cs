using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>COPY or UID COPY: the copies' UIDs come in the tagged OK's <c>[COPYUID …]</c> (UIDPLUS).</summary>
internal sealed class CopyCommand(SequenceSet set, string destination, bool byUid) : ImapCommand<CopyResult>
{
    public override string Name => byUid ? "UID COPY" : "COPY";

    // COPY is not among the commands during which a server must hold EXPUNGE back (RFC 9051 section 5.5).
    public override CommandTraits Traits => byUid ? CommandTraits.MayExpunge : CommandTraits.UsesSequenceNumbers | CommandTraits.MayExpunge;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override bool HasNothingToDo => set.IsEmpty;

    public override void Encode(CommandBuilder builder, ICommandContext context) =>
        builder.Raw(Name).Space().Set(set).Space().AString(context.MailboxToWire(destination)).EndLine();

    protected override CopyResult BuildResult(ICommandContext context, ImapStatusResponse completion) =>
        CopyUidCode.TryRead(completion.Code) ?? CopyResult.None;
}
