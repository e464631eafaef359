namespace ImapClient.Tests;

public class SmokeTests
{
    [Test]
    public void LibraryAssemblyLoads() => Assert.That(typeof(ImapClient.Protocol.Placeholder).Assembly.GetName().Name, Is.EqualTo("ImapClient"));
}
