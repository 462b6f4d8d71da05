#!/usr/local/bin/php -q
<?php
/*
 * boot.php - lab only: writes the firewall's config.xml for a scenario and applies it, as an
 * admin would have set it up in the GUI. Reads the scenario ("key = value" lines) on stdin,
 * followed by the lab's addressing as lab.* keys. Run once by `lab up`, inside the fw.
 */
require_once("globals.inc");
require_once("config.inc");
require_once("functions.inc");
require_once("filter.inc");

$s = array();
foreach (explode("\n", stream_get_contents(STDIN)) as $line) {
	if (preg_match('/^\s*([^#=\s][^=]*?)\s*=\s*(.*?)\s*$/', $line, $m)) {
		$s[$m[1]] = $m[2];
	}
}
$get = function ($k, $d = '') use ($s) { return ($s[$k] ?? '') === '' ? $d : $s[$k]; };
$edges = array('edge1', 'edge2', 'edge3');
$server = $get('lab.server');
$tracker = 1700000000;

$config = array(
	'version' => g_get('latest_config'),
	'lastchange' => '',
	'system' => array('optimization' => 'normal', 'hostname' => 'fw', 'domain' => 'lab.example',
		'timeservers' => '2.pfsense.pool.ntp.org', 'webgui' => array('protocol' => 'https'),
		'disablenatreflection' => 'yes', 'maximumtableentries' => '400000'),
	'interfaces' => array(
		'lan' => array('enable' => '', 'if' => 'vtnet1', 'descr' => 'LAN', 'ipaddr' => $get('lab.lan_ip'), 'subnet' => '24'),
	),
	'staticroutes' => '',
	'nat' => array('outbound' => array('mode' => $get('outbound', 'automatic')), 'rule' => array()),
	'filter' => array('rule' => array()),
	'aliases' => array('alias' => array(array('name' => 'web_server', 'type' => 'host', 'address' => $server,
		'descr' => 'the published server', 'detail' => 'server'))),
	'openvpn' => array('openvpn-client' => array()),
	'gateways' => array('defaultgw4' => $get('defaultgw4'), 'defaultgw6' => ''),
);
/*
 * Each edge's tunnel as pfSense has it (lab.EDGE.shape; addresses from the lab's wiring):
 * OpenVPN (subnet, net30, p2p): an assigned ovpncN with no address of its own in config.xml and the
 * dynamic gateway EDGEN_VPNV4 (/tmp/ovpncN_router); WireGuard: an assigned tun_wgK with a static
 * address, a gateway the admin adds (EDGEN_WG), the package's tunnel and peer, and its interface
 * group "WireGuard".
 */
$wg = array();
foreach ($edges as $i => $e) {
	$n = $i + 1;
	$shape = $get("lab.{$e}.shape", 'subnet');
	$dev = $get("lab.{$e}.device", "ovpnc{$n}");
	$monitor = $get("{$e}.monitor");
	if ($monitor == 'edge') {
		/* the admin's monitor IP: the edge's own tunnel address (net30's gateway answers no ping) */
		$monitor = $get("lab.{$e}.edge_address");
	}
	if ($monitor !== '' && !is_ipaddrv4($monitor)) {
		fwrite(STDERR, "boot: {$e}.monitor must be 'edge' or an IPv4 address\n");
		exit(2);
	}
	$config['interfaces']["opt{$n}"] = array('if' => $dev, 'descr' => "EDGE{$n}", 'enable' => '', 'spoofmac' => '');
	if ($shape == 'wireguard') {
		$gwname = "EDGE{$n}_WG";
		$config['interfaces']["opt{$n}"] += array('ipaddr' => $get("lab.{$e}.address"), 'subnet' => '24');
		if (in_array($get("{$e}.rules"), array('interface', 'interface-noreplyto', 'both'))) {
			/* an upstream gateway on the interface: pfSense then gives its own tab reply-to */
			$config['interfaces']["opt{$n}"]['gateway'] = $gwname;
		}
		$config['gateways']['gateway_item'][] = array('interface' => "opt{$n}", 'gateway' => $get("lab.{$e}.gateway"),
			'name' => $gwname, 'weight' => '1', 'ipprotocol' => 'inet', 'descr' => "EDGE{$n} over WireGuard",
			'gw_down_kill_states' => '') + ($monitor === '' ? array() : array('monitor' => $monitor));
		$key = function ($what) use ($e) { return base64_encode(hash('sha256', "opslab {$e} {$what}", true)); };
		$wg['tunnels']['item'][] = array('name' => $dev, 'enabled' => 'yes', 'descr' => "EDGE{$n}",
			'listenport' => (string)(51820 + count($wg['tunnels']['item'] ?? array())),
			'privatekey' => $key('firewall private'), 'publickey' => $key('firewall public'), 'mtu' => '',
			/* assigned: the address lives on the interface, not on the tunnel */
			'addresses' => '');
		$wg['peers']['item'][] = array('enabled' => 'yes', 'tun' => $dev, 'descr' => "{$e} (" . $get("lab.{$e}.public") . ")",
			'endpoint' => $get("lab.{$e}.public"), 'port' => '51820', 'persistentkeepalive' => '25',
			'publickey' => $key('edge public'), 'presharedkey' => '',
			'allowedips' => array('row' => array(array('address' => '0.0.0.0', 'mask' => '0', 'descr' => ''))));
	} else {
		$config['openvpn']['openvpn-client'][] = array('vpnid' => (string)$n, 'auth_user' => '', 'auth_pass' => '',
			'mode' => 'p2p_tls', 'protocol' => 'UDP4', 'dev_mode' => 'tun', 'interface' => 'wan',
			'server_addr' => $get("lab.{$e}.public"), 'server_port' => '1194',
			'description' => "{$e} (" . $get("lab.{$e}.public") . ")",
			/* pfSense offers subnet and net30; a p2p server pushes its own `ifconfig` (pulled: no tunnel network) */
			'topology' => $shape == 'subnet' ? 'subnet' : 'net30',
			'tunnel_network' => '', 'route_no_pull' => 'yes', 'create_gw' => 'v4only');
		if ($monitor !== '') {
			/* the dynamic gateway, edited: only then does pfSense store it (save_gateway()) */
			$config['gateways']['gateway_item'][] = array('interface' => "opt{$n}", 'gateway' => 'dynamic',
				'name' => "EDGE{$n}_VPNV4", 'weight' => '1', 'ipprotocol' => 'inet',
				'descr' => "Interface EDGE{$n}_VPNV4 Gateway", 'gw_down_kill_states' => '', 'monitor' => $monitor);
		}
	}
	foreach (array('443', '80') as $port) {
		$config['nat']['rule'][] = array('source' => array('any' => ''),
			'destination' => array('network' => "opt{$n}ip", 'port' => $port), 'ipprotocol' => 'inet',
			'protocol' => 'tcp', 'target' => 'web_server', 'local-port' => $port, 'interface' => "opt{$n}",
			'descr' => ($port == '443' ? 'TCP 443' : 'HTTP') . " via edge{$n}", 'associated-rule-id' => '');
	}
}
if (!empty($wg)) {
	/* pfSense-pkg-WireGuard: its settings, and the interface group it installs (members are added at run time) */
	$config['installedpackages']['package'][] = array('name' => 'WireGuard', 'internal_name' => 'wireguard',
		'descr' => 'WireGuard(R) is an extremely simple yet fast and modern VPN that utilizes state-of-the-art cryptography.',
		'version' => '0.2.1', 'configurationfile' => 'wireguard.xml', 'include_file' => '/usr/local/pkg/wireguard/includes/wg.inc');
	$config['installedpackages']['wireguard'] = $wg + array('config' => array(array('enable' => 'on', 'keep_conf' => 'yes',
		'resolve_interval' => '300', 'resolve_interval_track' => 'no', 'interface_group' => 'all', 'hide_secrets' => 'yes',
		'hide_peers' => 'yes')));
	$config['ifgroups']['ifgroupentry'][] = array('ifname' => 'WireGuard',
		'descr' => 'WireGuard Interface Group (DO NOT EDIT/DELETE!)', 'members' => '');
}
$config['interfaces']['opt4'] = array('enable' => '', 'if' => 'vtnet0', 'descr' => 'MGMT',
	'ipaddr' => $get('lab.mgmt_ip'), 'subnet' => '30');

/*
 * where each edge's traffic is passed: its VPN's group tab (OpenVPN or WireGuard: no reply-to), its
 * own tab (reply-to where the interface has a gateway), or both
 */
$pass = function ($tab, $what, $dst, $port, $noreplyto) use (&$config, &$tracker) {
	$r = array('id' => '', 'tracker' => (string)(++$tracker), 'type' => 'pass', 'interface' => $tab,
		'ipprotocol' => 'inet', 'statetype' => 'keep state', 'protocol' => 'tcp',
		'source' => array('any' => ''), 'destination' => $dst + array('port' => $port), 'descr' => $what);
	if ($noreplyto) {
		$r['disablereplyto'] = '';
	}
	$config['filter']['rule'][] = $r;
};
$web = array('address' => 'web_server');
$self = array('network' => '(self)');
$tabs = $group = array();
foreach ($edges as $i => $e) {
	$group[$e] = $get("lab.{$e}.shape", 'subnet') == 'wireguard' ? 'WireGuard' : 'openvpn';
	$tabs[$e] = $get("{$e}.rules", strtolower($group[$e]));
	$valid = array(strtolower($group[$e]), 'interface', 'interface-noreplyto', 'both');
	if (!in_array($tabs[$e], $valid)) {
		fwrite(STDERR, "boot: {$e}.rules must be one of " . implode(', ', $valid) . " for its tunnel\n");
		exit(2);
	}
}
foreach (array('openvpn' => 'the edges', 'WireGuard' => 'the WireGuard edges') as $tab => $who) {
	$on = array_filter($edges, function ($e) use ($tabs, $group, $tab) {
		return $group[$e] == $tab && in_array($tabs[$e], array(strtolower($tab), 'both'));
	});
	if (!empty($on)) {
		$pass($tab, "HTTP from {$who} to the server", $web, '80', false);
		$pass($tab, "TCP 443 from {$who} to the server", $web, '443', false);
	}
	if (in_array('edge1', $on)) {
		$pass($tab, 'SSH to this firewall from ' . $who, $self, '22', false);
	}
}
foreach ($edges as $i => $e) {
	$n = $i + 1;
	if ($tabs[$e] == strtolower($group[$e])) {
		continue;
	}
	$no = $tabs[$e] == 'interface-noreplyto';
	$pass("opt{$n}", "HTTP via edge{$n}", $web, '80', $no);
	$pass("opt{$n}", "TCP 443 via edge{$n}", $web, '443', $no);
	if ($e == 'edge1') {
		$pass('opt1', 'SSH to this firewall via edge1', $self, '22', $no);
	}
}
$config['filter']['rule'][] = array('type' => 'pass', 'ipprotocol' => 'inet', 'descr' => 'Default allow LAN to any rule',
	'interface' => 'lan', 'tracker' => '0100000101', 'source' => array('network' => 'lan'),
	'destination' => array('any' => ''));

foreach (preg_grep('/^group\./', array_keys($s)) as $k) {
	$config['gateways']['gateway_group'][] = array('name' => substr($k, 6),
		'item' => array_map(function ($i) { return "{$i}|address"; }, preg_split('/\s+/', $s[$k], -1, PREG_SPLIT_NO_EMPTY)),
		'trigger' => 'down', 'descr' => 'failover for the default route');
}

if (!write_config('lab: ' . $get('description', 'scenario'), false)) {
	exit(1);
}
$rc = filter_configure_sync();
setup_gateways_monitor(); /* first: its monitor routes let the routing's gateway probes through */
system_routing_configure();
clear_subsystem_dirty('staticroutes');
clear_subsystem_dirty('filter');
exit($rc);
