using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>
/// CHECK, CLOSE or UNSELECT: commands on the selected mailbox. CLOSE and UNSELECT leave the Selected state once the
/// server agrees, and run alone: nothing may be written between them and the state they leave behind.
/// </summary>
internal sealed class SelectedMailboxCommand(string verb, bool deselects) : ImapCommand<ImapStatusResponse>
{
    public override string Name => verb;

    public override CommandTraits Traits => deselects ? CommandTraits.Barrier : CommandTraits.MayExpunge;

    public override bool IsAllowedIn(ImapConnectionState state) => state == ImapConnectionState.Selected;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw(verb).EndLine();

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        if (deselects)
        {
            context.RequestTransition(SessionTransition.Unselected);
        }

        return completion;
    }
}
