internal static class Build
{
    public static int Main() => 0;
}
