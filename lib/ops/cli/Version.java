package ops.cli;

import picocli.CommandLine.IVersionProvider;

public class Version implements IVersionProvider {
    public static final String VERSION = ops.base.ToolkitVersion.VERSION;

    @Override
    public String[] getVersion() {
        return new String[] {"${ROOT-COMMAND-NAME} " + VERSION + " (ops toolkit; Java " + System.getProperty("java.version") + ")"};
    }
}
