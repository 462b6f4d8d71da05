package ops.pfsense;

/**
 * One row of {@code pfSsh.php playback gatewaystatus}, as printed.
 *
 * @param status    "online", "down", or on older releases "none" (= fine), "delay", "loss",
 *                  "highdelay", "highloss", "force_down"
 * @param substatus newer releases only: none, delay, loss, highdelay, highloss, force_down, down
 */
public record GatewayStatus(String name, String monitor, String source, String delay, String stddev,
                            String loss, String status, String substatus) {}
