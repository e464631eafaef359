using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>A command with fixed text and no result beyond its tagged OK (NOOP, CHECK …).</summary>
internal sealed class SimpleCommand(string name, CommandTraits traits = CommandTraits.MayExpunge) : ImapCommand<ImapStatusResponse>
{
    public override string Name => name;

    public override CommandTraits Traits => traits;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw(name).EndLine();

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion) => completion;
}
