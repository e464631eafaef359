using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>LOGOUT: the BYE that precedes the tagged OK is expected, not a failure.</summary>
internal sealed class LogoutCommand : ImapCommand<ImapStatusResponse>
{
    public override string Name => "LOGOUT";

    public override CommandTraits Traits => CommandTraits.Barrier | CommandTraits.Logout;

    public override void Encode(CommandBuilder builder, ICommandContext context) => builder.Raw("LOGOUT"u8).EndLine();

    public override bool TryClaim(ImapResponse response) => response is ImapStatusResponse { Status: ImapStatus.Bye };

    /// <summary>
    /// wp.pl completes LOGOUT with a tagged BYE: the server is leaving as asked. (The parser lets a tagged BYE through
    /// only with <see cref="ImapQuirks.TaggedBye"/>.)
    /// </summary>
    protected override bool Succeeded(ImapStatusResponse completion) => completion.Status is ImapStatus.Ok or ImapStatus.Bye;

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion)
    {
        context.RequestTransition(SessionTransition.LoggedOut);
        return completion;
    }
}
