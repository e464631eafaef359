namespace ImapClient.Session;

/// <summary>
/// What a command sees of the engine that runs it: what the server said it can do and what it agreed to, the selected
/// mailbox, the clock, and how names travel. A command never changes the engine's state itself; it asks for a
/// <see cref="SessionTransition"/>, which the engine performs.
/// </summary>
internal interface ICommandContext
{
    /// <summary>The server's capabilities as last reported.</summary>
    ImapCapabilities Capabilities { get; }

    /// <summary>The server defects this connection tolerates.</summary>
    ImapQuirks Quirks { get; }

    /// <summary>The clock behind every timeout and delay of this connection.</summary>
    TimeProvider Time { get; }

    /// <summary>The selected (or being selected) mailbox, null when none.</summary>
    MailboxState? Mailbox { get; }

    /// <summary>True once the server agreed to UTF-8 (ENABLE UTF8=ACCEPT): search strings may be sent as UTF-8.</summary>
    bool Utf8Accepted { get; }

    /// <summary>True once QRESYNC was enabled.</summary>
    bool QresyncEnabled { get; }

    /// <summary>The wire form of a mailbox name or LIST pattern; refuses control characters.</summary>
    string MailboxToWire(string name);

    /// <summary>Records what an ENABLE's answer says the server enabled.</summary>
    void RecordEnabled(ImapCapabilities enabled);

    /// <summary>
    /// A long-running command (IDLE) now waits for the server: a command queued behind it may end it through
    /// <see cref="ImapCommand.Interrupt"/>.
    /// </summary>
    void OnIdling(ImapCommand command);

    /// <summary>Asks the engine to move to another state; called from the command's sending or completion hooks.</summary>
    void RequestTransition(SessionTransition transition);
}
