using ImapClient.Protocol;
using ImapClient.Session;

namespace ImapClient.Commands;

/// <summary>A command on a named mailbox with no result beyond its tagged OK: CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE.</summary>
internal sealed class MailboxCommand : ImapCommand<ImapStatusResponse>
{
    private readonly string _verb;
    private readonly string _mailbox;
    private readonly string? _newName;
    private readonly MailboxAttributes _use;

    private MailboxCommand(string verb, string mailbox, string? newName = null, MailboxAttributes use = MailboxAttributes.None)
    {
        _verb = verb;
        _mailbox = mailbox;
        _newName = newName;
        _use = use;
    }

    public override string Name => _verb;

    /// <summary>Its codes are about the mailbox it names, not the selected one.</summary>
    public override bool CompletionDescribesSelectedMailbox => false;

    public override bool IsAllowedIn(ImapConnectionState state) =>
        state is ImapConnectionState.Authenticated or ImapConnectionState.Selected;

    /// <summary>CREATE, with <c>(USE (…))</c> when special-use attributes are given (RFC 6154 CREATE-SPECIAL-USE).</summary>
    public static MailboxCommand Create(string mailbox, MailboxAttributes use) => new("CREATE", mailbox, use: use);

    public static MailboxCommand Delete(string mailbox) => new("DELETE", mailbox);

    public static MailboxCommand Rename(string mailbox, string newName) => new("RENAME", mailbox, newName);

    public static MailboxCommand Subscribe(string mailbox) => new("SUBSCRIBE", mailbox);

    public static MailboxCommand Unsubscribe(string mailbox) => new("UNSUBSCRIBE", mailbox);

    public override void Encode(CommandBuilder builder, ICommandContext context)
    {
        builder.Raw(_verb).Space().AString(context.MailboxToWire(_mailbox));
        if (_newName is not null)
        {
            builder.Space().AString(context.MailboxToWire(_newName));
        }

        if (_use != MailboxAttributes.None)
        {
            builder.Raw(" (USE ("u8);
            var first = true;
            foreach (var (attribute, name) in MailboxAttributeNames.All)
            {
                if ((_use & attribute) != 0)
                {
                    builder.Raw(first ? "" : " ").Raw(name);
                    first = false;
                }
            }

            builder.Raw("))"u8);
        }

        builder.EndLine();
    }

    protected override ImapStatusResponse BuildResult(ICommandContext context, ImapStatusResponse completion) => completion;
}
